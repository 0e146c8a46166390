# topic: rf
# why: daily statistics of RF cavity voltage and forward power from a parquet export
import pandas as pd
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt

df = pd.read_parquet("rf_cavities_week.parquet")
df["time"] = pd.to_datetime(df["time"], utc=True)
df = df.set_index("time")

volt_cols = [c for c in df.columns if c.endswith("VOLT_RB")]
pwr_cols = [c for c in df.columns if c.endswith("FWD_PWR")]

daily = df[volt_cols].resample("1D").agg(["mean", "std", "min"])
print(daily.round(3).to_string())

trips = (df[volt_cols] < 0.2 * df[volt_cols].median()).any(axis=1)
trip_starts = trips & ~trips.shift(1, fill_value=False)
print(f"voltage drops below 20% of median: {int(trip_starts.sum())} events")
for t in trip_starts[trip_starts].index[:20]:
    print("  ", t.strftime("%Y-%m-%d %H:%M:%S"))

fig, axes = plt.subplots(2, 1, sharex=True, figsize=(11, 6))
df[volt_cols].resample("5min").mean().plot(ax=axes[0], lw=0.7)
axes[0].set_ylabel("Vcav [MV]")
df[pwr_cols].resample("5min").mean().plot(ax=axes[1], lw=0.7)
axes[1].set_ylabel("Pfwd [kW]")
fig.tight_layout()
fig.savefig("rf_week.png")
