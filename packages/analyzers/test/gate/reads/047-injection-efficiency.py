# topic: other
# why: injection efficiency per shot from booster extracted charge and storage-ring current step, from the injection log
import pandas as pd
import numpy as np

E_CHARGE_PER_MA = 2.66e-9  # C of stored charge per mA for this circumference
shots = pd.read_csv("injection_shots.csv", parse_dates=["time"])
shots["stored_nC"] = (shots["sr_current_after_mA"] - shots["sr_current_before_mA"]) * E_CHARGE_PER_MA * 1e9
shots["eff"] = shots["stored_nC"] / shots["booster_charge_nC"]
shots = shots[(shots["booster_charge_nC"] > 0.05) & shots["eff"].between(-0.1, 1.5)]

print(f"{len(shots)} valid shots")
print(f"efficiency mean {shots['eff'].mean():.1%}, median {shots['eff'].median():.1%}, p10 {shots['eff'].quantile(0.1):.1%}")

shots["hour"] = shots["time"].dt.floor("h")
hourly = shots.groupby("hour").agg(n=("eff", "size"), eff=("eff", "mean"), q=("booster_charge_nC", "mean"))
print(hourly.tail(24).to_string(float_format=lambda v: f"{v:.3f}"))

bad = hourly[hourly["eff"] < 0.7]
print(f"\nhours with efficiency below 70%: {len(bad)}")
corr = np.corrcoef(shots["booster_charge_nC"], shots["eff"])[0, 1]
print(f"correlation booster charge vs efficiency: {corr:.2f}")
