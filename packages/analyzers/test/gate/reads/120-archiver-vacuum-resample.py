# topic: archiver
# why: resample archived ion-gauge pressures from a CSV export to hourly values and report pressure rise events per sector
import pandas as pd
import matplotlib.pyplot as plt
from pathlib import Path

df = pd.read_csv("archiver_export_vacuum.csv", parse_dates=["timestamp"])
# long format: timestamp, pv, value
df = df[df["value"] > 0]
wide = df.pivot_table(index="timestamp", columns="pv", values="value", aggfunc="mean")
hourly = wide.resample("1h").median()

baseline = hourly.rolling("24h", min_periods=6).median().shift(1)
ratio = hourly / baseline
events = ratio.stack().loc[lambda s: s > 3.0].rename("ratio").reset_index()
events["sector"] = events["pv"].str.extract(r"SR(\d{2})")

print(f"{wide.shape[1]} gauges, {len(hourly)} hourly samples")
print("pressure-rise events (>3x 24h median):")
print(events.groupby("sector")["ratio"].agg(["count", "max"]).sort_values("count", ascending=False))

Path("figures").mkdir(exist_ok=True)
fig, ax = plt.subplots(figsize=(11, 5))
top = events["pv"].value_counts().index[:6]
for pv in top:
    ax.semilogy(hourly.index, hourly[pv], label=pv)
ax.set_ylabel("pressure [mbar]")
ax.legend(fontsize=7)
ax.grid(True, which="both", alpha=0.3)
fig.tight_layout()
fig.savefig("figures/vacuum_hourly_events.png", dpi=120)
