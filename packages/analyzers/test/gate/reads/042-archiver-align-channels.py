# topic: archiver
# why: put two archiver channels with different sampling on one time grid and look at their lagged correlation
import json
import numpy as np
from scipy.interpolate import interp1d
from scipy import signal

with open("archiver_tunnel_temp_and_orbit.json") as f:
    raw = json.load(f)

series = {}
for entry in raw:
    name = entry["meta"]["name"]
    t = np.array([d["secs"] + d["nanos"] * 1e-9 for d in entry["data"]])
    v = np.array([d["val"] for d in entry["data"]], dtype=float)
    series[name] = (t, v)

(ta, va), (tb, vb) = series["SR:C07:TUNNEL:TEMP"], series["SR:C07:BPM3:Y"]
t0, t1 = max(ta[0], tb[0]), min(ta[-1], tb[-1])
grid = np.arange(t0, t1, 60.0)
a = interp1d(ta, va, kind="previous")(grid)  # archiver stores on change: hold last value
b = interp1d(tb, vb, kind="linear")(grid)
a = (a - a.mean()) / a.std()
b = (b - b.mean()) / b.std()

xc = signal.correlate(b, a, mode="full") / len(grid)
lags = signal.correlation_lags(len(b), len(a), mode="full")
k = int(np.argmax(np.abs(xc)))
print(f"{len(grid)} minutes aligned")
print(f"zero-lag correlation {np.corrcoef(a, b)[0, 1]:.3f}")
print(f"max |correlation| {xc[k]:.3f} at lag {lags[k]} min (positive: orbit follows temperature)")
