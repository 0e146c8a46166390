# class: callback
# why: itertools.takewhile(f, pvs): result modelled as f's results
"""Take channels while they are setpoints."""
import itertools
import epics


def is_sp(ch):
    return ch.pvname.endswith("_SP")


chs = [epics.PV("SR:C01:QF:CURRENT_SP"), epics.PV("SR:C01:QF:CURRENT_RB")]
for ch in itertools.takewhile(is_sp, chs):
    ch.put(101.0, wait=True)
