# topic: lifetime
# why: effect of insertion-device gaps on normalized lifetime with a statsmodels formula regression
import pandas as pd
import statsmodels.formula.api as smf

df = pd.read_parquet("archiver_ids_blms.parquet").set_index("time").resample("5min").mean()
df = df.rename(columns=lambda c: c.replace("SR:", "").replace(":", "_"))
df = df[df["DCCT_CURRENT"] > 20].dropna(subset=["DCCT_LIFETIME"])
df["Itau"] = df["DCCT_CURRENT"] * df["DCCT_LIFETIME"]
gap_cols = [c for c in df.columns if c.endswith("_GAP_RB")]
for c in gap_cols:
    df[c.replace("_GAP_RB", "_closed")] = (df[c] < 12.0).astype(int)

closed_terms = " + ".join(c.replace("_GAP_RB", "_closed") for c in gap_cols)
model = smf.ols(f"Itau ~ {closed_terms} + PINHOLE_SIGMA_Y", data=df).fit(cov_type="HAC", cov_kwds={"maxlags": 12})
print(model.summary())

eff = model.params.filter(like="_closed").sort_values()
print("\nchange of I*tau when each ID is closed [mA h]:")
for name, val in eff.items():
    p = model.pvalues[name]
    print(f"  {name:<18}{val:10.1f}   p={p:.3g}")
