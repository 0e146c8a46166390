# topic: vacuum
# why: vacuum conditioning curve: normalized pressure vs integrated beam dose (Ah) after the last intervention
import numpy as np
import pandas as pd
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt

df = pd.read_csv("archiver_export.csv", parse_dates=["time"]).set_index("time").resample("10min").mean()
df = df.loc["2024-03-01":]
I = df["SR:DCCT:CURRENT"].fillna(0).clip(lower=0)
dt_h = df.index.to_series().diff().dt.total_seconds().fillna(0) / 3600
dose_Ah = (I * dt_h).cumsum() / 1000.0

gauge = df["SR:S12:VAC:CCG2:P"]
norm = gauge / I.where(I > 10)
d = pd.DataFrame({"dose": dose_Ah, "p_per_I": norm}).dropna()

logfit = np.polyfit(np.log(d["dose"].clip(lower=1e-3)), np.log(d["p_per_I"]), 1)
print(f"accumulated dose {dose_Ah.iloc[-1]:.1f} Ah")
print(f"P/I scales as dose^{logfit[0]:.2f} (typically -0.6 .. -1 during conditioning)")
target = 1e-11
needed = np.exp((np.log(target) - logfit[1]) / logfit[0])
print(f"P/I reaches {target:.0e} mbar/mA at about {needed:.0f} Ah")

plt.loglog(d["dose"], d["p_per_I"], ".", ms=2)
plt.xlabel("dose [Ah]")
plt.ylabel("P/I [mbar/mA]")
plt.savefig("conditioning_s12.png")
