# topic: archiver
# why: align archiver JSON exports of beam current and ID gap onto a common time base with scipy interpolate and look for gap-dependent current loss
import json
from datetime import datetime
import numpy as np
from scipy import interpolate, stats

def load_archiver_json(path):
    with open(path) as fh:
        payload = json.load(fh)
    samples = payload[0]["data"]
    t = np.array([s["secs"] + s["nanos"] * 1e-9 for s in samples])
    v = np.array([s["val"] for s in samples], dtype=float)
    return payload[0]["meta"]["name"], t, v

name_i, t_i, current = load_archiver_json("SR-DCCT_current.json")
name_g, t_g, gap = load_archiver_json("ID11-gap_readback.json")

t0, t1 = max(t_i[0], t_g[0]), min(t_i[-1], t_g[-1])
grid = np.arange(t0, t1, 10.0)
cur_i = interpolate.interp1d(t_i, current, bounds_error=False)(grid)
gap_i = interpolate.interp1d(t_g, gap, kind="previous", bounds_error=False)(grid)  # gap is step-like

dIdt = np.gradient(cur_i, grid) * 3600.0    # mA/h
loss_rate = -dIdt / cur_i                   # 1/h
ok = np.isfinite(loss_rate) & (cur_i > 10) & (np.abs(dIdt) < 50)

bins = np.arange(np.floor(np.nanmin(gap_i)), np.ceil(np.nanmax(gap_i)) + 1, 1.0)
med, edges, _ = stats.binned_statistic(gap_i[ok], loss_rate[ok], statistic="median", bins=bins)
rho, p = stats.spearmanr(gap_i[ok], loss_rate[ok])

print(f"{name_i} vs {name_g}: {datetime.fromtimestamp(t0)} -> {datetime.fromtimestamp(t1)}")
for lo, m in zip(edges[:-1], med):
    if np.isfinite(m):
        print(f"  gap {lo:5.1f} mm : 1/tau = {m:.4f} 1/h  (tau = {1 / m:6.1f} h)")
print(f"Spearman rho = {rho:.3f} (p = {p:.1e})")
