# topic: optics
# why: fit the local beta function at a quadrupole from a recorded tune-vs-quad-current scan using lmfit
import numpy as np
import pandas as pd
from lmfit import Model

scan = pd.read_csv("quad_scan_QF3_C12.csv")  # columns: current_A, qx, qy
BRHO = 10.0069          # T.m at 3 GeV
K_PER_AMP = 0.0825 / BRHO / 100.0   # integrated gradient per amp / Brho, 1/m per A
L_QUAD = 0.25

dk_l = (scan["current_A"] - scan["current_A"].iloc[0]) * K_PER_AMP
dq_x = scan["qx"] - scan["qx"].iloc[0]
dq_y = scan["qy"] - scan["qy"].iloc[0]

def tune_shift(dkl, beta, offset):
    # exact thin-lens expression for tune shift, with q0 from the first point
    return beta * dkl / (4 * np.pi) + offset

model = Model(tune_shift)
params = model.make_params(beta=10.0, offset=0.0)

for plane, dq, sign in (("x", dq_x, 1.0), ("y", dq_y, -1.0)):
    result = model.fit(dq.values, params, dkl=sign * dk_l.values)
    b = result.params["beta"]
    print(f"beta_{plane} at QF3 = {b.value:.3f} +/- {b.stderr:.3f} m  "
          f"(chi2_red = {result.redchi:.2e}, {len(dq)} points)")
    print(result.fit_report(show_correl=False).splitlines()[0])
