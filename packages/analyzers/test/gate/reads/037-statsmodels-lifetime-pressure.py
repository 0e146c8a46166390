# topic: lifetime
# why: regress normalized lifetime (I*tau) on average ring pressure and vertical beam size with statsmodels OLS
import pandas as pd
import numpy as np
import statsmodels.api as sm

df = pd.read_csv("archiver_export.csv", parse_dates=["time"]).set_index("time")
df = df.resample("10min").mean().dropna(subset=["SR:DCCT:CURRENT", "SR:DCCT:LIFETIME"])
df = df[df["SR:DCCT:CURRENT"] > 10]

gauge_cols = [c for c in df.columns if c.startswith("SR:") and c.endswith(":VAC:AVG:P")]
df["p_avg"] = df[gauge_cols].mean(axis=1)
df["I_tau"] = df["SR:DCCT:CURRENT"] * df["SR:DCCT:LIFETIME"]
df["sigma_y"] = df["SR:PINHOLE:SIGMA_Y"]
df = df.dropna(subset=["p_avg", "sigma_y"])

X = sm.add_constant(np.column_stack([1.0 / df["p_avg"], df["sigma_y"]]))
model = sm.OLS(df["I_tau"].to_numpy(), X).fit()
print(model.summary(xname=["const", "1/p_avg", "sigma_y"]))

pred = model.predict(X)
worst = (df["I_tau"] - pred).abs().nlargest(5)
print("\nlargest residuals (possible scraping or vacuum events):")
for t, r in worst.items():
    print(f"  {t:%Y-%m-%d %H:%M}  residual {r:.1f} mA h")
