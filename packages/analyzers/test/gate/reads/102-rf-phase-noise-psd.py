# topic: rf
# why: read the LLRF cavity phase waveform (fast buffer) and compute the integrated phase jitter from its PSD
import numpy as np
from scipy import signal
from epics import PV

wf_pv = PV("SR:LLRF:CAV1:PHASE_WF")
fs_pv = PV("SR:LLRF:CAV1:WF_SAMPLE_RATE")
wf_pv.wait_for_connection(timeout=3.0)

fs = fs_pv.get(timeout=2.0)
buffers = []
for _ in range(5):
    wf = wf_pv.get(as_numpy=True, timeout=3.0)
    if wf is not None:
        buffers.append(np.asarray(wf, dtype=float))
if not buffers:
    raise SystemExit("no phase waveform")

psds = []
for b in buffers:
    f, p = signal.welch(b - b.mean(), fs=fs, nperseg=min(4096, b.size))
    psds.append(p)
psd = np.mean(psds, axis=0)
df = f[1] - f[0]
for lo, hi in ((10, 100), (100, 1e3), (1e3, 1e4), (1e4, fs / 2)):
    sel = (f >= lo) & (f < hi)
    print(f"{lo:>8.0f} - {hi:<8.0f} Hz: {np.sqrt(psd[sel].sum() * df):.4f} deg rms")
print(f"total: {np.sqrt(psd[f >= 10].sum() * df):.4f} deg rms (fs = {fs:.0f} Hz, {len(buffers)} buffers)")
line = f[np.argmax(psd * (f > 10))]
print(f"strongest spur at {line:.1f} Hz")
