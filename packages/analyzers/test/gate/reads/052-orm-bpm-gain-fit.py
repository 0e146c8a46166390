# topic: orbit
# why: fit BPM gains and corrector calibrations to the measured orbit response matrix with least squares (LOCO-light)
import numpy as np
from scipy.optimize import least_squares

meas = np.load("orm_measured.npz")["R"]
model = np.load("orm_model.npz")["R"]
n_bpm, n_cor = meas.shape
print(f"ORM {n_bpm} x {n_cor}")


def residual(p):
    g = p[:n_bpm]
    c = p[n_bpm:]
    return ((g[:, None] * model * c[None, :]) - meas).ravel()


p0 = np.ones(n_bpm + n_cor)
sol = least_squares(residual, p0, method="trf", x_scale="jac")
gains, calib = sol.x[:n_bpm], sol.x[n_bpm:]
# gains and calibrations are degenerate by a common factor: normalise gains to mean 1
scale = gains.mean()
gains, calib = gains / scale, calib * scale

print(f"cost {sol.cost:.3e}, rms residual {np.sqrt(np.mean(sol.fun ** 2)):.4f} mm/mrad")
print(f"BPM gains: mean {gains.mean():.3f}, rms {gains.std() * 100:.2f}%")
print(f"corrector calibrations: mean {calib.mean():.3f}, rms {calib.std() * 100:.2f}%")
for k in np.argsort(np.abs(gains - 1))[::-1][:5]:
    print(f"  BPM {k:3d} gain {gains[k]:.3f}")
np.savetxt("fitted_bpm_gains.txt", gains, fmt="%.5f")
