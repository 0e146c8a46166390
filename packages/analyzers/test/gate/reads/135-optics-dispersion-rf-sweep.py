# topic: optics
# why: extract dispersion at each BPM from a saved RF frequency sweep (JSON) by linear fits of orbit versus momentum offset
import json
import numpy as np

with open("rf_sweep_dispersion.json") as fh:
    sweep = json.load(fh)

ALPHA_C = sweep.get("momentum_compaction", 8.3e-5)
f0 = sweep["f_rf_nominal_hz"]
steps = sweep["steps"]           # list of {"f_rf_hz":..., "x_um":[...], "y_um":[...]}
bpms = sweep["bpm_names"]

df_rf = np.array([s["f_rf_hz"] - f0 for s in steps])
delta = -df_rf / f0 / ALPHA_C     # relative momentum offset
X = np.array([s["x_um"] for s in steps]) * 1e-6
Y = np.array([s["y_um"] for s in steps]) * 1e-6

def fit_dispersion(orbits):
    A = np.vstack([delta, np.ones_like(delta)]).T
    coef, res, *_ = np.linalg.lstsq(A, orbits, rcond=None)
    n = len(delta)
    sigma = np.sqrt(res / max(n - 2, 1)) / np.sqrt(((delta - delta.mean()) ** 2).sum()) if len(res) else np.zeros(coef.shape[1])
    return coef[0], sigma

eta_x, err_x = fit_dispersion(X)
eta_y, err_y = fit_dispersion(Y)

model = np.array(sweep.get("model_eta_x", [np.nan] * len(bpms)))
print(f"momentum range: {delta.min() * 1e3:.2f} .. {delta.max() * 1e3:.2f} permille")
print(f"{'BPM':20s} {'eta_x [m]':>10s} {'model':>8s} {'eta_y [mm]':>11s}")
for name, ex, m, ey in zip(bpms, eta_x, model, eta_y):
    print(f"{name:20s} {ex:10.4f} {m:8.4f} {ey * 1e3:11.2f}")
beat = eta_x - model
print(f"rms eta_x deviation from model: {np.nanstd(beat) * 1e3:.1f} mm, rms eta_y: {eta_y.std() * 1e3:.2f} mm")
