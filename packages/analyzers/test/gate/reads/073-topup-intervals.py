# topic: lifetime
# why: top-up injection intervals and current stability from the archived current, per day
import numpy as np
import pandas as pd

df = pd.read_csv("archiver_export.csv", parse_dates=["time"], usecols=["time", "SR:DCCT:CURRENT"])
df = df.rename(columns={"SR:DCCT:CURRENT": "I"}).dropna().set_index("time")
jumps = df["I"].diff()
inj = df.index[jumps > 0.05]
gaps_s = pd.Series(np.diff(inj.asi8) / 1e9, index=inj[1:])

print(f"{len(inj)} top-up injections")
daily = pd.DataFrame({
    "injections": pd.Series(1, index=inj).resample("1D").sum(),
    "median_interval_s": gaps_s.resample("1D").median(),
    "I_min": df["I"].resample("1D").min(),
    "I_max": df["I"].resample("1D").max(),
})
daily["stability_pct"] = (daily["I_max"] - daily["I_min"]) / daily["I_max"] * 100
print(daily.round(2).to_string())

long_gaps = gaps_s[gaps_s > 3 * gaps_s.median()]
print(f"\n{len(long_gaps)} intervals longer than 3x median ({gaps_s.median():.0f} s):")
print(long_gaps.sort_values(ascending=False).head(10).round(0).to_string())
