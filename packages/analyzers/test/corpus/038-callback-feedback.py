# expect: epics-write
# why: monitor callback writes another PV (software feedback)
# tricky
import time
from epics import PV

correction = PV("SR:C10:HCM:SP")


def on_orbit(pvname=None, value=None, **kw):
    correction.put(-0.05 * value)


bpm = PV("SR:BPM10:X")
bpm.add_callback(on_orbit)
time.sleep(30)
