# topic: orbit
# why: statistics of slow-orbit-feedback corrector kicks over a month: drift, rms and saturation risk
import numpy as np
import pandas as pd
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt

df = pd.read_parquet("sofb_correctors_month.parquet").set_index("time")
hcm = [c for c in df.columns if ":HCM" in c]
vcm = [c for c in df.columns if ":VCM" in c]
LIMIT_A = 10.0

for label, cols in (("H", hcm), ("V", vcm)):
    sub = df[cols]
    drift = sub.iloc[-1000:].mean() - sub.iloc[:1000].mean()
    print(f"{label}: {len(cols)} correctors, rms strength {np.sqrt((sub.iloc[-1] ** 2).mean()):.3f} A")
    print(f"   largest drift over the month: {drift.abs().max():.3f} A ({drift.abs().idxmax()})")
    near = (sub.abs().max() > 0.8 * LIMIT_A)
    print(f"   correctors that reached 80% of limit: {near.sum()} {list(near[near].index)[:6]}")

daily_rms = df[hcm].resample("1D").last().pow(2).mean(axis=1).pow(0.5)
daily_rms_v = df[vcm].resample("1D").last().pow(2).mean(axis=1).pow(0.5)
plt.plot(daily_rms.index, daily_rms, label="H")
plt.plot(daily_rms_v.index, daily_rms_v, label="V")
plt.ylabel("rms corrector current [A]")
plt.legend()
plt.gcf().autofmt_xdate()
plt.savefig("sofb_rms_daily.png")
