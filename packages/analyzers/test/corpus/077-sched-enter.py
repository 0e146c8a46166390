# expect: epics-write
# why: caput scheduled with sched.scheduler.enter
# tricky
import sched
import time
import epics

s = sched.scheduler(time.time, time.sleep)
for i, amps in enumerate((1.0, 2.0, 3.0)):
    s.enter(5 * i, 1, epics.caput, ("BTS:Q01:CURRENT_SP", amps))
s.run()
