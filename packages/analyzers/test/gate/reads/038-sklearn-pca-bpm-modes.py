# topic: bpm
# why: principal components of slow-acquisition orbit data to find dominant orbit motion modes and faulty BPMs
import numpy as np
import pandas as pd
from sklearn.decomposition import PCA
from sklearn.preprocessing import StandardScaler
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt

df = pd.read_parquet("sa_orbit_24h.parquet")
bpm_cols = [c for c in df.columns if c.endswith(":X")]
X = df[bpm_cols].interpolate(limit=5).dropna().to_numpy()
print(f"{X.shape[0]} samples x {X.shape[1]} BPMs")

scaled = StandardScaler().fit_transform(X)
pca = PCA(n_components=8).fit(scaled)
print("explained variance ratio:", np.round(pca.explained_variance_ratio_, 4))

# a BPM that dominates a component on its own is usually a BPM problem, not beam motion
for k, comp in enumerate(pca.components_):
    share = comp ** 2
    top = int(np.argmax(share))
    if share[top] > 0.5:
        print(f"component {k} is {share[top] * 100:.0f}% from {bpm_cols[top]} -> check this BPM")

fig, axes = plt.subplots(3, 1, figsize=(10, 6), sharex=True)
for k, ax in enumerate(axes):
    ax.plot(pca.components_[k], ".-")
    ax.set_ylabel(f"PC{k}")
axes[-1].set_xlabel("BPM index")
fig.savefig("orbit_pca_modes.png")
