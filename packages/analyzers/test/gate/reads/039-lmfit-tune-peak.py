# topic: tune
# why: fit the betatron line of a spectrum-analyzer trace with an lmfit Lorentzian to get tune and width
import numpy as np
from lmfit.models import LorentzianModel, LinearModel

trace = np.loadtxt("spectrum_analyzer_trace.csv", delimiter=",", skiprows=1)
freq_hz, power_dbm = trace[:, 0], trace[:, 1]
f_rev = 1.0e6 * float(open("revolution_frequency_MHz.txt").read().strip())

power_lin = 10 ** (power_dbm / 10)
mask = (freq_hz > 0.15 * f_rev) & (freq_hz < 0.35 * f_rev)
f, p = freq_hz[mask], power_lin[mask]

model = LorentzianModel(prefix="l_") + LinearModel(prefix="b_")
params = model.make_params(l_center=f[np.argmax(p)], l_sigma=(f[-1] - f[0]) / 200, l_amplitude=p.max() * (f[-1] - f[0]) / 100, b_slope=0, b_intercept=np.median(p))
params["l_sigma"].set(min=0)
result = model.fit(p, params, x=f)
print(result.fit_report(min_correl=0.5))

center = result.params["l_center"]
q_frac = center.value / f_rev
q_err = (center.stderr or 0) / f_rev
width = 2 * result.params["l_sigma"].value / f_rev
print(f"fractional tune {q_frac:.5f} +- {q_err:.1e}, FWHM {width:.2e} (tune spread)")
