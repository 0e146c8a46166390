# topic: losses
# why: relate the summed BLM rate to the lifetime-derived loss rate and find where the unexplained losses occur
import numpy as np
import pandas as pd

df = pd.read_parquet("archiver_ids_blms.parquet").set_index("time").resample("1min").mean()
blm_cols = [c for c in df.columns if c.startswith("SR:BLM:")]
I = df["SR:DCCT:CURRENT"]
tau_h = df["SR:DCCT:LIFETIME"]
loss_rate = I / (tau_h * 3600)  # mA/s lost
blm_sum = df[blm_cols].sum(axis=1)

d = pd.DataFrame({"loss_rate": loss_rate, "blm_sum": blm_sum}).dropna()
d = d[d["loss_rate"] > 0]
k = np.median(d["blm_sum"] / d["loss_rate"])
print(f"calibration: {k:.3g} BLM counts per mA/s of lost current")
d["explained"] = d["blm_sum"] / (k * d["loss_rate"])
print(f"ratio BLM/lifetime: median {d['explained'].median():.2f}, p5 {d['explained'].quantile(0.05):.2f}, p95 {d['explained'].quantile(0.95):.2f}")

high = d[d["explained"] > 2].index
if len(high):
    share = df.loc[high, blm_cols].mean() / df.loc[high, blm_cols].mean().sum()
    base = df[blm_cols].mean() / df[blm_cols].mean().sum()
    print(f"\n{len(high)} minutes with BLM excess; monitors that gained the most share:")
    print((share - base).sort_values(ascending=False).head(8).round(4).to_string())
