# class: callback
# why: itertools.groupby(pvs, key=f): groups' elements lost (result = key function's)
"""Group channels by family and zero the first of each."""
import itertools
import epics


def family(ch):
    return ch.pvname.split(":")[2]


chs = [epics.PV("SR:C01:QF:CURRENT_SP"), epics.PV("SR:C01:QD:CURRENT_SP")]
for fam, group in itertools.groupby(chs, key=family):
    for ch in group:
        ch.put(0.0, wait=True)
