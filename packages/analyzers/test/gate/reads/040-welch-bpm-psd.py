# topic: bpm
# why: power spectral density of fast-acquisition BPM data with Welch's method, integrated rms in bands
import numpy as np
from scipy import signal
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt

fa = np.load("fa_data_10kHz.npz")
fs = float(fa["fs"])
x = fa["x"]  # (n_bpm, n_samples), um
names = fa["names"]

f, pxx = signal.welch(x, fs=fs, nperseg=8192, axis=-1)
df = f[1] - f[0]
bands = [(0.1, 1), (1, 10), (10, 50), (50, 100), (100, 500), (500, fs / 2)]
print(f"{'band [Hz]':<14}" + "".join(f"{str(n)[-12:]:>13}" for n in names[:5]))
for lo, hi in bands:
    sel = (f >= lo) & (f < hi)
    rms = np.sqrt(pxx[:, sel].sum(axis=1) * df)
    print(f"{lo:>5}-{hi:<8}" + "".join(f"{r:13.3f}" for r in rms[:5]))

mean_psd = pxx.mean(axis=0)
peaks, _ = signal.find_peaks(mean_psd, prominence=mean_psd.max() * 0.01)
print("strongest lines [Hz]:", np.round(f[peaks][np.argsort(mean_psd[peaks])[::-1][:8]], 2))

plt.loglog(f[1:], np.sqrt(mean_psd[1:]))
plt.xlabel("f [Hz]")
plt.ylabel("ASD [um/sqrt(Hz)]")
plt.savefig("bpm_asd.png")
