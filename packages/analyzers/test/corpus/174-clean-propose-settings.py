# expect: nothing
# why: computes proposed corrector settings from reads and returns them; nothing applied
import numpy as np
import epics


def propose(bpm_names, gain=0.1):
    x = np.array([epics.caget(n) for n in bpm_names])
    return {n.replace("BPM", "HCM").replace(":X", ":SP"): -gain * v for n, v in zip(bpm_names, x)}


print(propose([f"SR:BPM{i:02d}:X" for i in range(1, 5)]))
