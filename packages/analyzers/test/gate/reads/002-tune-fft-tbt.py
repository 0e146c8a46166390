# topic: tune
# why: fractional betatron tunes from turn-by-turn BPM data with a windowed FFT
import numpy as np
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt

data = np.load("tbt_kick.npz")
x = data["x"]  # shape (n_bpm, n_turns)
y = data["y"]
names = data["bpm_names"]
n_bpm, n_turns = x.shape
print(f"{n_bpm} BPMs x {n_turns} turns")

window = np.hanning(n_turns)
freqs = np.fft.rfftfreq(n_turns)


def peak_tune(signal, lo=0.05, hi=0.48):
    s = (signal - signal.mean()) * window
    spec = np.abs(np.fft.rfft(s))
    band = (freqs > lo) & (freqs < hi)
    return freqs[band][np.argmax(spec[band])], spec


qx = np.array([peak_tune(row)[0] for row in x])
qy = np.array([peak_tune(row)[0] for row in y])
print(f"Qx = {np.median(qx):.4f} (spread {qx.std():.4f})")
print(f"Qy = {np.median(qy):.4f} (spread {qy.std():.4f})")

outliers = [str(n) for n, q in zip(names, qx) if abs(q - np.median(qx)) > 0.01]
if outliers:
    print("BPMs with inconsistent Qx:", ", ".join(outliers))

_, spec_x = peak_tune(x.mean(axis=0))
_, spec_y = peak_tune(y.mean(axis=0))
plt.semilogy(freqs, spec_x, label="x")
plt.semilogy(freqs, spec_y, label="y")
plt.xlabel("tune [1/turn]")
plt.ylabel("amplitude")
plt.legend()
plt.savefig("tbt_spectrum.png")
