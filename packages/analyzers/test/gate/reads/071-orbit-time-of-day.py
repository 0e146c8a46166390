# topic: orbit
# why: average vertical orbit vs hour of day over a month to quantify the diurnal (temperature/tide) effect
import numpy as np
import pandas as pd
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt

df = pd.read_parquet("sa_orbit_month.parquet")
df["time"] = pd.to_datetime(df["time"]).dt.tz_localize("UTC").dt.tz_convert("Europe/Berlin")
df = df.set_index("time")
ycols = [c for c in df.columns if c.endswith(":Y")]

mean_y = df[ycols].mean(axis=1)
detrended = mean_y - mean_y.rolling("3D", min_periods=100).mean()
by_hour = detrended.groupby(detrended.index.hour).agg(["mean", "std", "count"])
print(by_hour.round(3).to_string())
amp = by_hour["mean"].max() - by_hour["mean"].min()
print(f"diurnal peak-to-peak of mean vertical orbit: {amp:.2f} um")
print(f"maximum at {by_hour['mean'].idxmax()}:00, minimum at {by_hour['mean'].idxmin()}:00")

hours = np.arange(24)
plt.errorbar(hours, by_hour["mean"], yerr=by_hour["std"] / np.sqrt(by_hour["count"]), fmt="o-")
plt.xlabel("hour of day (local)")
plt.ylabel("mean vertical orbit (detrended) [um]")
plt.savefig("orbit_diurnal.png")
