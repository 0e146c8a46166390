# topic: losses
# why: cluster beam-dump loss patterns from saved BLM snapshots with KMeans to identify recurring loss signatures
from pathlib import Path
import numpy as np
from sklearn.cluster import KMeans
from sklearn.preprocessing import normalize
from sklearn.metrics import silhouette_score
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt

d = np.load("beam_dump_blm_snapshots.npz", allow_pickle=True)
losses = d["losses"]          # (n_events, n_blm)
events = d["event_times"]
blm_s = d["blm_s"]

X = normalize(np.log1p(np.clip(losses, 0, None)), norm="l2")

scores = {}
for k in range(2, 9):
    km = KMeans(n_clusters=k, n_init=20, random_state=0).fit(X)
    scores[k] = silhouette_score(X, km.labels_)
best_k = max(scores, key=scores.get)
print("silhouette:", {k: round(v, 3) for k, v in scores.items()}, "-> k =", best_k)

km = KMeans(n_clusters=best_k, n_init=50, random_state=0).fit(X)
fig, axes = plt.subplots(best_k, 1, figsize=(10, 2 * best_k), sharex=True)
for c in range(best_k):
    members = np.where(km.labels_ == c)[0]
    centroid = losses[members].mean(axis=0)
    top = np.argsort(centroid)[::-1][:3]
    print(f"cluster {c}: {len(members):4d} events, hottest BLMs at s = {np.round(blm_s[top], 1)} m, "
          f"first {events[members[0]]}, last {events[members[-1]]}")
    axes[c].bar(blm_s, centroid, width=2.0)
    axes[c].set_ylabel(f"c{c}")
axes[-1].set_xlabel("s [m]")
Path("figures").mkdir(exist_ok=True)
fig.savefig("figures/blm_clusters.png", dpi=110)
