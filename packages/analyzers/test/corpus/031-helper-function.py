# expect: epics-write
# why: local helper wraps caput and is called later
from epics import caget, caput


def nudge(pv_name, delta):
    current = caget(pv_name)
    caput(pv_name, current + delta)
    return current + delta


nudge("SR:C07:VCM:SP", 0.02)
