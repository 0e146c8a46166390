# topic: images
# why: emittance and Twiss at the quadrupole from a quad-scan: beam size on the screen vs quad strength, thin-lens parabola fit
import numpy as np
import pandas as pd

scan = pd.read_csv("quad_scan_q5_yag2.csv")  # k1l_per_m, sigma_x_um, sigma_x_err_um
L_DRIFT = 3.20  # m from quad to screen
GAMMA_REL = 3914.0

k = scan["k1l_per_m"].to_numpy()
s2 = (scan["sigma_x_um"].to_numpy() * 1e-6) ** 2
w = 1.0 / (2 * scan["sigma_x_um"].to_numpy() * 1e-6 * scan["sigma_x_err_um"].to_numpy() * 1e-6)

# thin lens + drift: sigma^2 = d^2 s11 k^2 - 2 d (s11 + d s12) k + (s11 + 2 d s12 + d^2 s22)
A, B, C = np.polyfit(k, s2, 2, w=w)
d = L_DRIFT
s11 = A / d ** 2
s12 = -B / (2 * d ** 2) - s11 / d
s22 = (C - s11 - 2 * d * s12) / d ** 2
det = s11 * s22 - s12 ** 2
if det <= 0:
    raise SystemExit("unphysical beam matrix: check the scan range")
eps = np.sqrt(det)
print(f"geometric emittance {eps * 1e9:.3f} nm rad, normalized {eps * GAMMA_REL * 1e6:.3f} mm mrad")
print(f"beta = {s11 / eps:.2f} m, alpha = {-s12 / eps:.2f} at the quadrupole")
kmin = -B / (2 * A)
print(f"waist on screen at k1L = {kmin:.3f} 1/m, minimum size {np.sqrt(np.polyval([A, B, C], kmin)) * 1e6:.1f} um")
