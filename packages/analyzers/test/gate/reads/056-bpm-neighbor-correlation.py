# topic: bpm
# why: read short BPM waveform buffers live and correlate neighbouring BPMs to spot uncorrelated (faulty) ones
import numpy as np
from epics import PV

names = [f"SR:C{c:02d}:BPM{i}:SA:X_WF" for c in range(1, 7) for i in range(1, 7)]
pvs = [PV(n, auto_monitor=False) for n in names]
for pv in pvs:
    pv.wait_for_connection(timeout=3.0)

waves = []
for pv in pvs:
    wf = pv.get(count=1000, as_numpy=True, timeout=3.0)
    waves.append(np.full(1000, np.nan) if wf is None else np.asarray(wf, dtype=float))
W = np.vstack(waves)
W = W - np.nanmean(W, axis=1, keepdims=True)

good = ~np.isnan(W).any(axis=1)
C = np.corrcoef(W[good])
idx = np.flatnonzero(good)
print(f"{good.sum()} of {len(names)} BPM buffers read")
for j, k in enumerate(idx):
    neigh = [C[j, j - 1] if j > 0 else np.nan, C[j, j + 1] if j + 1 < len(idx) else np.nan]
    best = np.nanmax(np.abs(neigh))
    flag = "  <-- uncorrelated" if best < 0.3 else ""
    print(f"{names[k]:<26} neighbour |r| {best:.2f}{flag}")
