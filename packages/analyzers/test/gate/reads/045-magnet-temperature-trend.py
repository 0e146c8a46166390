# topic: magnets
# why: coil and water temperatures of dipoles over a week, flag magnets with a rising trend
import pandas as pd
import numpy as np
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt

df = pd.read_csv("magnet_temps_week.csv", parse_dates=["time"]).set_index("time")
coil = [c for c in df.columns if c.endswith(":COIL:T")]
daily = df[coil].resample("1D").mean()

days = np.arange(len(daily))
trend = {c: np.polyfit(days, daily[c].to_numpy(), 1)[0] for c in coil if daily[c].notna().all()}
trend = pd.Series(trend).sort_values(ascending=False)
print("coil temperature trend [degC/day], top 10:")
print(trend.head(10).round(3).to_string())

delta_water = df.filter(like=":WATER_OUT:T").to_numpy() - df.filter(like=":WATER_IN:T").to_numpy()
print(f"\nwater delta-T: mean {np.nanmean(delta_water):.2f} degC, max {np.nanmax(delta_water):.2f} degC")

rising = trend[trend > 0.2].index.tolist()
print("rising by more than 0.2 degC/day:", rising or "none")
if rising:
    df[rising].resample("1h").mean().plot(figsize=(10, 4))
    plt.ylabel("T [degC]")
    plt.savefig("figures/rising_coil_temps.png")
