# topic: optics
# why: horizontal dispersion at each BPM from an RF frequency scan stored in HDF5
import h5py
import numpy as np
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt

ALPHA_C = 8.5e-4  # momentum compaction

with h5py.File("rf_scan.h5", "r") as f:
    df_rf = f["rf_offset_hz"][:]
    f_rf = float(f.attrs["rf_frequency_hz"])
    orbits = f["orbit_x_mm"][:]  # (n_steps, n_bpm)
    s = f["bpm_s_m"][:]
    names = [n.decode() for n in f["bpm_names"][:]]

delta = -df_rf / f_rf / ALPHA_C  # relative momentum offset
# linear fit per BPM: x = D * delta + x0
A = np.vstack([delta, np.ones_like(delta)]).T
coef, resid, *_ = np.linalg.lstsq(A, orbits, rcond=None)
disp_m = coef[0] / 1000.0

print(f"max |Dx| = {np.abs(disp_m).max():.3f} m at {names[int(np.argmax(np.abs(disp_m)))]}")
print(f"RMS Dx in straights (|Dx|<5cm): {np.sqrt(np.mean(disp_m[np.abs(disp_m) < 0.05] ** 2)) * 1000:.1f} mm")

plt.figure(figsize=(10, 3.5))
plt.plot(s, disp_m, "o-", ms=3)
plt.xlabel("s [m]")
plt.ylabel("Dx [m]")
plt.title("Measured horizontal dispersion")
plt.grid(alpha=0.3)
plt.tight_layout()
plt.savefig("figures/dispersion.png")
