# expect: nothing
# why: PV.value only read inside a dict comprehension
from epics import PV

bpms = {n: PV(f"SR:BPM{n:02d}:X") for n in range(1, 9)}
orbit = {n: pv.value for n, pv in bpms.items()}
print(max(orbit.values()) - min(orbit.values()))
