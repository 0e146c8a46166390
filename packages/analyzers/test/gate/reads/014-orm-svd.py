# topic: orbit
# why: singular values and condition of the measured orbit response matrix, and the correction strength of the last orbit
import numpy as np
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt

orm = np.load("orm_measured.npz")
R = orm["R"]  # (n_bpm, n_corr), mm/mrad
bpm_names = orm["bpm_names"]
corr_names = orm["corr_names"]
orbit = np.loadtxt("orbit_now.txt")  # mm, one value per BPM

U, s, Vt = np.linalg.svd(R, full_matrices=False)
print(f"ORM {R.shape}, condition number {s[0] / s[-1]:.1f}")
print("first 10 singular values:", np.round(s[:10], 3))

for n_sv in (10, 20, 40, len(s)):
    s_inv = np.where(np.arange(len(s)) < n_sv, 1.0 / s, 0.0)
    dtheta = -(Vt.T * s_inv) @ (U.T @ orbit)
    residual = orbit + R @ dtheta
    print(f"{n_sv:3d} SV: rms orbit {orbit.std():.3f} -> {residual.std():.3f} mm, max kick {np.abs(dtheta).max():.3f} mrad")

strongest = np.argsort(np.abs(Vt[0]))[::-1][:5]
print("correctors dominating the first singular vector:", [str(corr_names[k]) for k in strongest])

plt.semilogy(s, "o-")
plt.xlabel("index")
plt.ylabel("singular value")
plt.savefig("orm_singular_values.png")
