# topic: tune
# why: estimate betatron tunes from turn-by-turn BPM data in an HDF5 kick file using windowed FFT with interpolation
import h5py
import numpy as np

FILE = "tbt_kick_2024-05-14.h5"

def refined_tune(signal):
    """Hann-windowed FFT with parabolic peak interpolation."""
    n = len(signal)
    x = signal - signal.mean()
    win = np.hanning(n)
    spec = np.abs(np.fft.rfft(x * win))
    freqs = np.fft.rfftfreq(n)
    lo = int(0.05 * n)  # skip the DC / synchrotron region
    k = lo + np.argmax(spec[lo:-1])
    a, b, c = np.log(spec[k - 1:k + 2] + 1e-12)
    delta = 0.5 * (a - c) / (a - 2 * b + c)
    return freqs[k] + delta / n, spec[k]

with h5py.File(FILE, "r") as f:
    names = [n.decode() if isinstance(n, bytes) else n for n in f["bpm_names"][()]]
    tbt_x = f["tbt/x"][()]   # shape (n_bpm, n_turns)
    tbt_y = f["tbt/y"][()]
    start = int(f.attrs.get("kick_turn", 0))

n_turns = 1024
results = {"x": [], "y": []}
for plane, data in (("x", tbt_x), ("y", tbt_y)):
    for i, name in enumerate(names):
        seg = data[i, start:start + n_turns].astype(float)
        if np.ptp(seg) < 5e-6:
            continue
        q, amp = refined_tune(seg)
        results[plane].append(q)

for plane, qs in results.items():
    qs = np.array(qs)
    med = np.median(qs)
    good = qs[np.abs(qs - med) < 0.01]
    print(f"Q{plane}: {good.mean():.5f} +/- {good.std(ddof=1):.5f}  ({len(good)}/{len(qs)} BPMs used)")
