# class: unknown
# why: PVs from two lists are iterated through itertools.chain, which the analyzer does not follow
"""Turn off both BPM families' auto-gain before the calibration."""
import itertools
from epics import PV

ring = [PV(f"SR:C{c:02d}:BPM1:AGC_SP") for c in range(1, 4)]
linac = [PV(f"LI:BPM{i}:AGC_SP") for i in range(1, 3)]

for pv in itertools.chain(ring, linac):
    pv.put(0)
    print(pv.pvname, "AGC off")
