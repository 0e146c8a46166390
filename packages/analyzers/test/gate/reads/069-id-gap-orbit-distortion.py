# topic: orbit
# why: orbit distortion caused by an insertion-device gap scan, from the logged BPM readings per gap step
import numpy as np
import pandas as pd
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt

scan = pd.read_csv("id07_gap_scan.csv")  # gap_mm, then one column per BPM (x and y)
gaps = scan["gap_mm"].to_numpy()
xcols = [c for c in scan.columns if c.endswith("_X")]
ycols = [c for c in scan.columns if c.endswith("_Y")]
ref = scan.loc[scan["gap_mm"].idxmax()]  # fully open gap as reference

dx = scan[xcols].to_numpy() - ref[xcols].to_numpy(dtype=float)
dy = scan[ycols].to_numpy() - ref[ycols].to_numpy(dtype=float)
rms_x = np.sqrt((dx ** 2).mean(axis=1))
rms_y = np.sqrt((dy ** 2).mean(axis=1))

print(f"{'gap [mm]':>9}{'rms dx [um]':>13}{'rms dy [um]':>13}")
for g, a, b in sorted(zip(gaps, rms_x, rms_y)):
    print(f"{g:9.2f}{a:13.2f}{b:13.2f}")
spec = 1.0  # um, tolerance for users
print("gaps exceeding 1 um rms:", sorted(float(g) for g, a, b in zip(gaps, rms_x, rms_y) if max(a, b) > spec))

plt.plot(gaps, rms_x, "o-", label="x")
plt.plot(gaps, rms_y, "s-", label="y")
plt.xlabel("gap [mm]")
plt.ylabel("rms orbit change [um]")
plt.legend()
plt.savefig("id07_gap_orbit.png")
