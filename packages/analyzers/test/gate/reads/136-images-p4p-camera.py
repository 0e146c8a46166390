# topic: images
# why: grab a few frames from a PVAccess NTNDArray diagnostic camera and fit Gaussian profiles to get beam size at the source point
import time
import numpy as np
from scipy.optimize import curve_fit
from p4p.client.thread import Context

CAMERA = "SR-DI-PINHOLE-01:Pva1:Image"
PIXEL_UM = 4.6
MAGNIFICATION = 0.48

def gauss(x, a, mu, sig, c):
    return a * np.exp(-0.5 * ((x - mu) / sig) ** 2) + c

def fit_profile(profile):
    x = np.arange(profile.size)
    p0 = [profile.max() - profile.min(), np.argmax(profile), profile.size / 20, profile.min()]
    popt, _ = curve_fit(gauss, x, profile, p0=p0, maxfev=5000)
    return popt

ctx = Context("pva")
sizes = []
for _ in range(10):
    img = np.asarray(ctx.get(CAMERA, timeout=5.0), dtype=float)
    if img.ndim != 2:
        raise RuntimeError(f"unexpected image shape {img.shape}")
    px = fit_profile(img.sum(axis=0))
    py = fit_profile(img.sum(axis=1))
    sizes.append((abs(px[2]), abs(py[2]), px[1], py[1]))
    time.sleep(0.5)
ctx.close()

s = np.array(sizes) * PIXEL_UM / MAGNIFICATION
print(f"image shape {img.shape}, {len(s)} frames")
print(f"sigma_x = {s[:, 0].mean():.2f} +/- {s[:, 0].std():.2f} um")
print(f"sigma_y = {s[:, 1].mean():.2f} +/- {s[:, 1].std():.2f} um")
print(f"centroid jitter x {s[:, 2].std():.2f} um, y {s[:, 3].std():.2f} um")
