# topic: tune
# why: tune evolution through the energy ramp from a long BPM record, via a spectrogram
import numpy as np
from scipy import signal
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt

rec = np.load("booster_ramp_tbt.npz")
x = rec["x"].astype(float)  # one BPM, all turns of the ramp
f_rev = float(rec["f_rev_hz"])
x -= signal.savgol_filter(x, 501, 2)  # remove closed-orbit change during the ramp

f, t, S = signal.spectrogram(x, fs=1.0, window="hann", nperseg=512, noverlap=384)
band = (f > 0.05) & (f < 0.48)
q = f[band][np.argmax(S[band], axis=0)]
t_ms = t / f_rev * 1e3

print(f"{len(t)} time slices over {t_ms[-1]:.1f} ms")
for ms in (5, 20, 50, 100, 150):
    k = int(np.argmin(np.abs(t_ms - ms)))
    print(f"  t = {t_ms[k]:6.1f} ms: Q = {q[k]:.4f}")
print(f"tune excursion during ramp: {q.min():.4f} .. {q.max():.4f}")

plt.pcolormesh(t_ms, f[band], 10 * np.log10(S[band] + 1e-12), shading="auto")
plt.plot(t_ms, q, "w.", ms=2)
plt.xlabel("time in ramp [ms]")
plt.ylabel("fractional tune")
plt.savefig("ramp_tune_spectrogram.png")
