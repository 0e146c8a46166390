# topic: images
# why: beam size and emittance from a YAG screen image with 2D projections fitted by Gaussians
import numpy as np
from scipy.optimize import curve_fit
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt

img = np.load("screen_yag3.npy").astype(float)
bg = np.load("screen_yag3_background.npy").astype(float)
img = np.clip(img - bg, 0, None)
PIXEL_UM = 12.4
BETA_X, BETA_Y = 4.2, 7.8  # m, from the lattice model at the screen


def gauss(u, a, mu, sigma, c):
    return a * np.exp(-0.5 * ((u - mu) / sigma) ** 2) + c


sizes = {}
for axis, label in ((0, "x"), (1, "y")):
    prof = img.sum(axis=axis)
    u = np.arange(prof.size)
    p0 = (prof.max(), float(np.argmax(prof)), prof.size / 20, prof.min())
    popt, _ = curve_fit(gauss, u, prof, p0=p0)
    sizes[label] = abs(popt[2]) * PIXEL_UM
    plt.plot(u, prof, label=f"{label} profile")
    plt.plot(u, gauss(u, *popt), "--")

eps_x = (sizes["x"] * 1e-6) ** 2 / BETA_X
eps_y = (sizes["y"] * 1e-6) ** 2 / BETA_Y
print(f"sigma_x = {sizes['x']:.1f} um, sigma_y = {sizes['y']:.1f} um")
print(f"eps_x = {eps_x * 1e9:.3f} nm rad, eps_y = {eps_y * 1e12:.2f} pm rad, coupling {eps_y / eps_x * 100:.2f}%")
plt.legend()
plt.savefig("screen_profiles.png")
