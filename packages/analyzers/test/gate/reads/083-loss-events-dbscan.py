# topic: losses
# why: cluster beam-loss events in time and ring position with DBSCAN to separate localized from global loss events
import numpy as np
import pandas as pd
from sklearn.cluster import DBSCAN

events = pd.read_csv("blm_events.csv", parse_dates=["time"])  # time, blm, s_m, counts
C = 844.0  # ring circumference in m
t_min = (events["time"] - events["time"].min()).dt.total_seconds() / 60.0

# position on the ring as an angle so that s = 0 and s = C are neighbours
phi = 2 * np.pi * events["s_m"] / C
X = np.column_stack([t_min / 2.0, 10 * np.cos(phi), 10 * np.sin(phi)])
labels = DBSCAN(eps=1.5, min_samples=4).fit_predict(X)
events["cluster"] = labels

print(f"{len(events)} loss events, {labels.max() + 1} clusters, {np.sum(labels == -1)} isolated")
summary = events[events["cluster"] >= 0].groupby("cluster").agg(
    start=("time", "min"), end=("time", "max"), n=("blm", "size"), monitors=("blm", "nunique"),
    s_mean=("s_m", "mean"), s_spread=("s_m", "std"), counts=("counts", "sum"),
)
summary["kind"] = np.where(summary["s_spread"] > 100, "global", "local")
print(summary.sort_values("counts", ascending=False).round(1).to_string())
