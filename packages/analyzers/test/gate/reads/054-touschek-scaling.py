# topic: lifetime
# why: separate Touschek and gas lifetime from lifetime vs single-bunch current measurements
import numpy as np
import pandas as pd
from scipy import stats

meas = pd.read_csv("lifetime_vs_bunch_current.csv")  # I_bunch_mA, tau_h, fill_pattern
meas = meas[meas["tau_h"] > 0]

# 1/tau = 1/tau_gas + k * I_b  (Touschek rate proportional to bunch current at constant beam size)
fit = stats.linregress(meas["I_bunch_mA"], 1.0 / meas["tau_h"])
tau_gas = 1.0 / fit.intercept if fit.intercept > 0 else float("inf")
print(f"1/tau = {fit.intercept:.4f} + {fit.slope:.4f} * I_b  (r = {fit.rvalue:.3f})")
print(f"gas lifetime {tau_gas:.1f} h")
for ib in (0.5, 1.0, 2.0, 4.0):
    rate_t = fit.slope * ib
    print(f"  I_b = {ib:.1f} mA: Touschek lifetime {1 / rate_t:.1f} h, total {1 / (fit.intercept + rate_t):.1f} h")

for pattern, g in meas.groupby("fill_pattern"):
    pred = 1.0 / (fit.intercept + fit.slope * g["I_bunch_mA"])
    print(f"pattern {pattern}: measured/predicted lifetime {np.mean(g['tau_h'] / pred):.2f}")
