# topic: orbit
# why: decompose slow-acquisition orbit snapshots from an NPZ file with PCA to find the dominant orbit drift modes
import os
import numpy as np
from sklearn.decomposition import PCA
import matplotlib.pyplot as plt

d = np.load("sa_orbit_24h.npz")
x = d["x"]            # (n_samples, n_bpm) in um
t = d["t"]            # unix seconds
s = d["s_pos"]        # BPM longitudinal position

ok = np.all(np.isfinite(x), axis=0)
x = x[:, ok] - x[:, ok].mean(axis=0)
s = s[ok]

pca = PCA(n_components=6)
scores = pca.fit_transform(x)
print("explained variance ratio:", np.round(pca.explained_variance_ratio_, 4))
print(f"first 3 modes carry {pca.explained_variance_ratio_[:3].sum():.1%} of drift")

hours = (t - t[0]) / 3600
for k in range(3):
    trend = np.polyfit(hours, scores[:, k], 1)[0]
    spectrum = np.abs(np.fft.rfft(scores[:, k] - scores[:, k].mean()))
    f = np.fft.rfftfreq(len(hours), d=np.median(np.diff(hours)))
    print(f"mode {k}: drift {trend:+.3f} um/h (score units), dominant period {1 / f[1:][np.argmax(spectrum[1:])]:.2f} h")

fig, axes = plt.subplots(3, 2, figsize=(12, 8))
for k in range(3):
    axes[k, 0].plot(s, pca.components_[k], ".-")
    axes[k, 0].set_ylabel(f"mode {k}")
    axes[k, 1].plot(hours, scores[:, k])
axes[-1, 0].set_xlabel("s [m]")
axes[-1, 1].set_xlabel("time [h]")
fig.tight_layout()
os.makedirs("figures", exist_ok=True)
fig.savefig("figures/orbit_pca_modes.png")
