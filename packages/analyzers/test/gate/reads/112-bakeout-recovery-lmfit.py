# topic: vacuum
# why: fit the pump-down after a bakeout with a double-exponential plus power law (lmfit) and extrapolate the base pressure
import numpy as np
import pandas as pd
from lmfit import Parameters, minimize, fit_report

df = pd.read_csv("s12_pumpdown_after_bake.csv", parse_dates=["time"])
t_h = (df["time"] - df["time"].iloc[0]).dt.total_seconds().to_numpy() / 3600
p = df["SR:S12:VAC:CCG1:P"].to_numpy()
sel = (t_h > 2) & np.isfinite(p) & (p > 0)
t_h, logp = t_h[sel], np.log10(p[sel])


def model(params, t):
    v = params.valuesdict()
    return np.log10(v["p_base"] + v["a1"] * np.exp(-t / v["tau1"]) + v["a2"] * t ** (-v["n"]))


def residual(params, t, data):
    return model(params, t) - data


params = Parameters()
params.add("p_base", value=1e-10, min=1e-13, max=1e-7)
params.add("a1", value=1e-7, min=0)
params.add("tau1", value=5.0, min=0.1, max=200)
params.add("a2", value=1e-8, min=0)
params.add("n", value=1.0, min=0.3, max=2.0)
result = minimize(residual, params, args=(t_h, logp))
print(fit_report(result))

for days in (1, 3, 7, 14):
    print(f"predicted pressure after {days:2d} d: {10 ** model(result.params, np.array([days * 24.0]))[0]:.2e} mbar")
print(f"extrapolated base pressure {result.params['p_base'].value:.2e} mbar")
