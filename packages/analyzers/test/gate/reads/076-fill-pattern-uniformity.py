# topic: other
# why: read the bunch-by-bunch fill pattern waveform and report filled buckets, uniformity and gaps
import numpy as np
import epics

pattern = epics.caget("SR:DIAG:FPM:BUNCH_CHARGE_WF", as_numpy=True, timeout=3.0)
total_ma = epics.caget("SR:DCCT:CURRENT")
if pattern is None:
    raise SystemExit("fill pattern monitor not available")

q = np.asarray(pattern, dtype=float)
h = q.size
filled = q > 0.02 * q.max()
nf = int(filled.sum())
mean_q = q[filled].mean()
rel_spread = q[filled].std() / mean_q

print(f"harmonic number {h}, {nf} filled buckets, total current {total_ma:.2f} mA")
print(f"bunch charge uniformity: rms {rel_spread * 100:.1f}%, min/max {q[filled].min() / mean_q:.2f} / {q[filled].max() / mean_q:.2f}")

edges = np.flatnonzero(np.diff(filled.astype(int)))
gaps = []
start = None
for k in range(2 * h):
    if not filled[k % h] and start is None:
        start = k
    elif filled[k % h] and start is not None:
        if start < h:
            gaps.append((start, k - start))
        start = None
print("empty gaps (first bucket, length):", gaps[:6])
print(f"{len(edges)} filled/empty transitions")
if rel_spread > 0.1:
    print("uniformity worse than 10%: consider refilling low bunches")
