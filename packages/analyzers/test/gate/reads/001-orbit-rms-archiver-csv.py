# topic: orbit
# why: RMS horizontal and vertical closed orbit per hour from an archiver CSV export
import pandas as pd
import numpy as np
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt

df = pd.read_csv("archiver_export.csv", parse_dates=["timestamp"])
df = df.set_index("timestamp").sort_index()

x_cols = [c for c in df.columns if c.endswith(":X")]
y_cols = [c for c in df.columns if c.endswith(":Y")]
print(f"{len(x_cols)} horizontal and {len(y_cols)} vertical BPMs in export")

# subtract the reference orbit (first 10 minutes) and compute the RMS over BPMs
ref = df.loc[df.index[0]:df.index[0] + pd.Timedelta(minutes=10)].mean()
dev = df - ref
rms_x = np.sqrt((dev[x_cols] ** 2).mean(axis=1))
rms_y = np.sqrt((dev[y_cols] ** 2).mean(axis=1))

hourly = pd.DataFrame({"rms_x_um": rms_x, "rms_y_um": rms_y}).resample("1h").mean()
print(hourly.round(2).to_string())

fig, ax = plt.subplots(figsize=(10, 4))
ax.plot(rms_x.index, rms_x, label="x", lw=0.8)
ax.plot(rms_y.index, rms_y, label="y", lw=0.8)
ax.set_ylabel("RMS orbit deviation [um]")
ax.set_title("Closed orbit drift vs reference")
ax.legend()
fig.autofmt_xdate()
fig.tight_layout()
plt.savefig("orbit_rms_drift.png", dpi=120)
print("worst hour x:", hourly["rms_x_um"].idxmax(), f"{hourly['rms_x_um'].max():.2f} um")
