# topic: images
# why: read one image from the synchrotron-light monitor camera waveform PV and fit the beam size
import numpy as np
from scipy.optimize import curve_fit
import epics

prefix = "SR:DIAG:SLM1:"
nx = int(epics.caget(prefix + "image1:ArraySize0_RBV"))
ny = int(epics.caget(prefix + "image1:ArraySize1_RBV"))
raw = epics.caget(prefix + "image1:ArrayData", count=nx * ny, as_numpy=True, timeout=5.0)
magnification = epics.caget(prefix + "MAGNIFICATION_RB") or 0.5
img = np.asarray(raw, dtype=float).reshape(ny, nx)
img -= np.median(img[:20, :])

PIX_UM = 5.86 / magnification


def g(u, a, mu, s, c):
    return a * np.exp(-0.5 * ((u - mu) / s) ** 2) + c


out = {}
for name, prof in (("x", img.sum(axis=0)), ("y", img.sum(axis=1))):
    u = np.arange(prof.size)
    popt, pcov = curve_fit(g, u, prof, p0=(prof.max(), np.argmax(prof), 10, 0))
    out[name] = (abs(popt[2]) * PIX_UM, np.sqrt(pcov[2, 2]) * PIX_UM, popt[1] * PIX_UM)

for name, (s, e, mu) in out.items():
    print(f"sigma_{name} = {s:.1f} +- {e:.1f} um (image, before PSF deconvolution), centre {mu:.0f} um")
print(f"saturated pixels: {(raw >= 4095).sum()}")
