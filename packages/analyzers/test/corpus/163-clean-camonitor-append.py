# expect: nothing
# why: camonitor callback only appends readings to a list
# tricky
import time
import epics

samples = []
epics.camonitor("SR:DCCT:CURRENT", callback=lambda pvname=None, value=None, **kw: samples.append(value))
time.sleep(10)
epics.camonitor_clear("SR:DCCT:CURRENT")
print(len(samples), max(samples, default=0))
