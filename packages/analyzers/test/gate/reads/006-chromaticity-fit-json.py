# topic: optics
# why: linear and quadratic chromaticity from a tune-vs-momentum measurement saved as JSON
import json
import numpy as np

with open("chroma_measurement.json") as f:
    meas = json.load(f)

alpha_c = meas.get("momentum_compaction", 8.5e-4)
f_rf = meas["rf_frequency_hz"]
points = meas["points"]

df = np.array([p["rf_offset_hz"] for p in points])
qx = np.array([p["qx"] for p in points])
qy = np.array([p["qy"] for p in points])
delta = -df / (f_rf * alpha_c)

for plane, q in (("x", qx), ("y", qy)):
    c1 = np.polyfit(delta, q, 1)
    c2 = np.polyfit(delta, q, 2)
    resid1 = q - np.polyval(c1, delta)
    resid2 = q - np.polyval(c2, delta)
    print(f"plane {plane}: xi_lin = {c1[0]:.2f}  (rms resid {resid1.std():.2e})")
    print(f"          xi1 = {c2[1]:.2f}, xi2 = {c2[0]:.1f}  (rms resid {resid2.std():.2e})")

print(f"momentum range covered: {delta.min() * 100:.3f}% .. {delta.max() * 100:.3f}%")
