# topic: archiver
# why: resample archived magnet temperatures and currents to a common grid and compute rates of change
import numpy as np
import pandas as pd
from scipy.signal import savgol_filter

raw = pd.read_csv("archiver_long_format.csv", parse_dates=["time"])  # time, pv, value (long format)
wide = raw.pivot_table(index="time", columns="pv", values="value", aggfunc="last")
grid = wide.resample("30s").last().ffill(limit=20)
print(f"{grid.shape[1]} PVs on a 30 s grid, {len(grid)} rows")

rates = {}
for pv in grid.columns:
    v = grid[pv].to_numpy()
    if np.isnan(v).mean() > 0.2:
        continue
    v = pd.Series(v).interpolate(limit_direction="both").to_numpy()
    smooth = savgol_filter(v, 21, 3)
    dvdt = np.gradient(smooth, 30.0) * 3600  # per hour
    rates[pv] = (np.nanmax(np.abs(dvdt)), np.nanmean(dvdt))

table = pd.DataFrame(rates, index=["max |rate| per h", "mean rate per h"]).T.sort_values("max |rate| per h", ascending=False)
print(table.head(20).to_string(float_format=lambda x: f"{x:.4g}"))
table.to_csv("rates_of_change.csv")
