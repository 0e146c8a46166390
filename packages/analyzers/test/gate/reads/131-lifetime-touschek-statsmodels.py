# topic: lifetime
# why: regress inverse lifetime on bunch current density and pressure from parquet data to separate Touschek and gas contributions
import numpy as np
import pandas as pd
import statsmodels.formula.api as smf

df = pd.read_parquet("lifetime_runs_2024.parquet")
# columns: time, current_mA, n_bunches, lifetime_h, avg_pressure_mbar, sigma_y_um, fill_pattern
df = df.query("current_mA > 5 and lifetime_h > 0 and n_bunches > 0").copy()

df["inv_tau"] = 1.0 / df["lifetime_h"]
df["ib"] = df["current_mA"] / df["n_bunches"]              # single bunch current
df["touschek_term"] = df["ib"] / df["sigma_y_um"]          # ~ density ~ 1/tau_T
df["gas_term"] = df["avg_pressure_mbar"] * 1e9

model = smf.ols("inv_tau ~ touschek_term + gas_term", data=df).fit(cov_type="HC3")
print(model.summary().tables[1])

df["inv_tau_T"] = model.params["touschek_term"] * df["touschek_term"]
df["inv_tau_gas"] = model.params["gas_term"] * df["gas_term"] + model.params["Intercept"]
share = (df["inv_tau_T"] / (df["inv_tau_T"] + df["inv_tau_gas"])).clip(0, 1)

summary = df.assign(touschek_share=share).groupby("fill_pattern").agg(
    runs=("inv_tau", "size"),
    lifetime_h=("lifetime_h", "median"),
    touschek_share=("touschek_share", "median"),
)
print(summary.round(3))
print(f"R^2 = {model.rsquared:.3f}, N = {int(model.nobs)}")
resid_z = model.resid / model.resid.std()
print(f"{int((np.abs(resid_z) > 3).sum())} runs with |residual| > 3 sigma")
