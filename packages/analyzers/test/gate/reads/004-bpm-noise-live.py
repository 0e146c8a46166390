# topic: bpm
# why: sample a few BPM readbacks live and report the standard deviation as a noise estimate
import time
import numpy as np
import epics

bpms = [f"SR:C{c:02d}:BPM{i}:X" for c in range(1, 5) for i in range(1, 4)]
n_samples = 50
readings = {name: [] for name in bpms}

for _ in range(n_samples):
    for name in bpms:
        v = epics.caget(name, timeout=1.0)
        if v is not None:
            readings[name].append(v)
    time.sleep(0.1)

print(f"{'BPM':<22}{'mean[um]':>10}{'std[um]':>10}{'n':>5}")
noisy = []
for name, vals in readings.items():
    if not vals:
        print(f"{name:<22}  disconnected")
        continue
    arr = np.asarray(vals)
    print(f"{name:<22}{arr.mean():10.2f}{arr.std(ddof=1):10.3f}{len(arr):5d}")
    if arr.std(ddof=1) > 2.0:
        noisy.append(name)

print("noisy BPMs (>2 um):", noisy or "none")
