# topic: bpm
# why: detect BPMs whose turn-by-turn buffers are shifted by whole turns (timing errors) via cross-correlation of the kick
import numpy as np
from scipy.signal import correlate

tbt = np.load("tbt_kick.npz")
x = tbt["x"].astype(float)
names = [str(n) for n in tbt["bpm_names"]]
x -= x[:, -200:].mean(axis=1, keepdims=True)

# envelope of the kick onset: the first 200 turns carry the timing information
env = np.abs(x[:, :200])
ref = np.median(env / (env.max(axis=1, keepdims=True) + 1e-12), axis=0)

offsets = []
for k, row in enumerate(env):
    r = row / (row.max() + 1e-12)
    c = correlate(r - r.mean(), ref - ref.mean(), mode="full")
    lag = int(np.argmax(c)) - (len(ref) - 1)
    offsets.append(lag)
offsets = np.array(offsets)

print(f"{len(names)} BPMs; turn offsets: " + ", ".join(f"{v}:{c}" for v, c in zip(*np.unique(offsets, return_counts=True))))
bad = [(names[k], int(offsets[k])) for k in np.flatnonzero(offsets != np.median(offsets))]
if bad:
    print("BPMs out of turn with the majority:")
    for name, lag in bad:
        print(f"  {name:<18} {lag:+d} turns")
else:
    print("all BPMs are turn-aligned")
