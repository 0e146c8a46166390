# topic: lifetime
# why: join lifetime and average ring pressure parquet exports with merge_asof and quantify how normalised lifetime tracks vacuum conditioning
import numpy as np
import pandas as pd
from scipy import stats

life = pd.read_parquet("lifetime_1min.parquet").sort_values("time")    # time, current_mA, lifetime_h
vac = pd.read_parquet("ring_pressure_1min.parquet").sort_values("time")  # time, p_avg_mbar
dose = pd.read_parquet("integrated_dose.parquet").sort_values("time")   # time, dose_Ah

df = pd.merge_asof(life, vac, on="time", tolerance=pd.Timedelta("2min"), direction="nearest")
df = pd.merge_asof(df, dose, on="time", direction="backward").dropna()
df = df[(df.current_mA > 50) & (df.lifetime_h.between(0.5, 100))]

df["Itau"] = df["current_mA"] * df["lifetime_h"]
df["P_per_I"] = df["p_avg_mbar"] / df["current_mA"]       # dynamic pressure rise

weekly = df.set_index("time").resample("W").agg({"Itau": "median", "P_per_I": "median", "dose_Ah": "max"})
print(weekly.dropna().round({"Itau": 1, "dose_Ah": 1}).to_string())

r, p = stats.pearsonr(np.log(df["P_per_I"]), np.log(df["Itau"]))
slope, intercept, *_ = stats.linregress(np.log(df["dose_Ah"].clip(lower=1)), np.log(df["P_per_I"]))
print(f"\ncorr(log P/I, log I*tau) = {r:.3f} (p={p:.1e})")
print(f"P/I ~ dose^{slope:.2f}  (conditioning exponent)")
