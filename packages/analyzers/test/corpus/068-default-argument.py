# expect: epics-write
# why: caput smuggled in as a default argument value
# tricky
import epics


def ramp(pv_name, target, steps=10, put=epics.caput, get=epics.caget):
    start = get(pv_name)
    for i in range(1, steps + 1):
        put(pv_name, start + (target - start) * i / steps)


ramp("BR:QF:CURRENT_SP", 80.0)
