# topic: vacuum
# why: unsupervised anomaly detection on ring vacuum readings (IsolationForest) to find unusual pressure patterns
import numpy as np
import pandas as pd
from sklearn.ensemble import IsolationForest
from sklearn.preprocessing import RobustScaler

df = pd.read_csv("archiver_export.csv", parse_dates=["time"]).set_index("time")
gauges = [c for c in df.columns if ":VAC:" in c and c.endswith(":P")]
V = np.log10(df[gauges].resample("5min").median().clip(lower=1e-12)).interpolate(limit=6).dropna()
current = df["SR:DCCT:CURRENT"].resample("5min").mean().reindex(V.index)
# normalise out the beam-induced part with current as an extra feature
features = V.assign(current=current.fillna(0))

Xs = RobustScaler().fit_transform(features)
iso = IsolationForest(n_estimators=400, contamination=0.01, random_state=1).fit(Xs)
score = pd.Series(-iso.score_samples(Xs), index=V.index)
flag = pd.Series(iso.predict(Xs) == -1, index=V.index)

print(f"{flag.sum()} anomalous 5-min samples out of {len(flag)}")
episodes = (flag & ~flag.shift(1, fill_value=False)).cumsum()[flag]
for ep, times in V.index[flag].to_series().groupby(episodes):
    sub = V.loc[times]
    z = (sub.mean() - V.median()) / V.std()
    print(f"{times.iloc[0]:%Y-%m-%d %H:%M} ({len(times)} samples): most deviating {z.abs().idxmax()} ({z.abs().max():.1f} sigma)")
score.to_csv("vacuum_anomaly_score.csv")
