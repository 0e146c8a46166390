# expect: epics-write
# why: PVs created in a list comprehension, written later through the list
# tricky
from epics import PV

names = [f"SR:C{i:02d}:VCM:SP" for i in range(1, 9)]
pvs = [PV(n) for n in names]
for pv, v in zip(pvs, [0.01] * len(pvs)):
    pv.put(v)
