# topic: optics
# why: fit linac emittance and Twiss parameters from a recorded quadrupole scan CSV with scipy curve_fit on the thin-lens beam matrix
import numpy as np
import pandas as pd
from scipy.optimize import curve_fit

scan = pd.read_csv("quadscan_LI-QD-07_screen_OTR2.csv")   # k1L_inv_m, sigma_x_um, sigma_y_um, err_x_um, err_y_um
L_DRIFT = 3.215          # quad to screen [m]
GAMMA = 250.0 / 0.511    # 250 MeV

def sigma2(kl, s11, s12, s22):
    # beam size squared at screen: M = D(L) * Q(kl), thin lens
    a = 1.0 - L_DRIFT * kl
    b = L_DRIFT
    return a * a * s11 + 2 * a * b * s12 + b * b * s22

for plane, sign in (("x", 1.0), ("y", -1.0)):
    kl = sign * scan["k1L_inv_m"].values
    sig = scan[f"sigma_{plane}_um"].values * 1e-6
    err = scan[f"err_{plane}_um"].values * 1e-6
    y = sig ** 2
    yerr = 2 * sig * err
    p0 = [y.min(), 0.0, y.min() / L_DRIFT ** 2]
    popt, pcov = curve_fit(sigma2, kl, y, p0=p0, sigma=yerr, absolute_sigma=True, maxfev=20000)
    s11, s12, s22 = popt
    det = s11 * s22 - s12 ** 2
    if det <= 0:
        print(f"{plane}: unphysical beam matrix (det={det:.2e})")
        continue
    eps = np.sqrt(det)
    beta, alpha = s11 / eps, -s12 / eps
    # crude error propagation via sampling the covariance
    draws = np.random.default_rng(1).multivariate_normal(popt, pcov, 2000)
    dets = draws[:, 0] * draws[:, 2] - draws[:, 1] ** 2
    eps_err = np.std(np.sqrt(dets[dets > 0]))
    print(f"{plane}: eps_n = {GAMMA * eps * 1e6:.3f} +/- {GAMMA * eps_err * 1e6:.3f} mm.mrad, "
          f"beta = {beta:.2f} m, alpha = {alpha:.2f} (at quad)")
