# topic: tune
# why: high-resolution tune from turn-by-turn data by Hann-window interpolation of the FFT peak (NAFF-like)
import numpy as np
import h5py

with h5py.File("tbt_pinger.h5", "r") as f:
    x = f["bpm/x"][:, :1024]
    y = f["bpm/y"][:, :1024]


def interpolated_tune(sig):
    n = sig.size
    w = np.hanning(n)
    spec = np.abs(np.fft.rfft((sig - sig.mean()) * w))
    k = int(np.argmax(spec[1:])) + 1
    if k >= spec.size - 1:
        return k / n
    a1, a2, a3 = spec[k - 1], spec[k], spec[k + 1]
    # Hann-window interpolation (Grandke)
    if a3 > a1:
        ratio = a3 / a2
        delta = (2 * ratio - 1) / (ratio + 1)
    else:
        ratio = a1 / a2
        delta = -(2 * ratio - 1) / (ratio + 1)
    return (k + delta) / n


def refine(sig, q0, width=2e-3, steps=401):
    n = np.arange(sig.size)
    w = np.hanning(sig.size)
    z = (sig - sig.mean()) * w
    qs = np.linspace(q0 - width, q0 + width, steps)
    amp = [abs(np.sum(z * np.exp(-2j * np.pi * q * n))) for q in qs]
    return qs[int(np.argmax(amp))]


for plane, data in (("x", x), ("y", y)):
    q_interp = np.array([interpolated_tune(r) for r in data])
    q_fine = np.array([refine(r, q) for r, q in zip(data, q_interp)])
    print(f"Q{plane}: interpolated {np.median(q_interp):.5f}, refined {np.median(q_fine):.5f} +- {q_fine.std() / np.sqrt(len(q_fine)):.1e}")
