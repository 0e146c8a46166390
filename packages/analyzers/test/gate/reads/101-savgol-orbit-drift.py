# topic: orbit
# why: smooth the archived orbit of the ID source points with a Savitzky-Golay filter and report slow drift and fast jitter
import numpy as np
import pandas as pd
from scipy.signal import savgol_filter

df = pd.read_csv("id_source_points.csv", parse_dates=["time"]).set_index("time")  # position and angle per ID, 1 Hz
window = 301  # 5 minutes
print(f"{len(df)} samples, {len(df.columns)} channels")
print(f"{'channel':<22}{'drift p2p':>11}{'jitter rms':>12}{'max 1h drift':>14}")
for col in df.columns:
    v = df[col].interpolate(limit=10).to_numpy()
    ok = ~np.isnan(v)
    if ok.sum() < window * 2:
        continue
    v = v[ok]
    slow = savgol_filter(v, window, 2)
    fast = v - slow
    hourly = pd.Series(slow, index=df.index[ok]).resample("1h").mean()
    print(f"{col:<22}{np.ptp(slow):11.2f}{fast.std():12.3f}{hourly.diff().abs().max():14.2f}")

print("units: um for positions, urad for angles")
