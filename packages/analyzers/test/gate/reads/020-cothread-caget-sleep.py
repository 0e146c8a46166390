# topic: rf
# why: sample RF master oscillator frequency and cavity phases with cothread every second for 30 s
import cothread
from cothread.catools import caget
import numpy as np

names = ["SR:RF:MASTER:FREQ_RB", "SR:RF:CAV1:PHASE_RB", "SR:RF:CAV2:PHASE_RB", "SR:RF:CAV3:PHASE_RB"]
samples = []
for _ in range(30):
    values = caget(names, timeout=2)
    samples.append([float(v) for v in values])
    cothread.Sleep(1.0)

arr = np.array(samples)
for k, name in enumerate(names):
    col = arr[:, k]
    print(f"{name:<24} mean {col.mean():14.4f} std {col.std(ddof=1):10.4f} p2p {np.ptp(col):10.4f}")

phase = arr[:, 1:]
spread = phase.max(axis=1) - phase.min(axis=1)
print(f"cavity phase spread: mean {spread.mean():.2f} deg, max {spread.max():.2f} deg")
