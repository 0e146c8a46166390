# topic: images
# why: beam tilt angle and x-y coupling from second moments of a screen image (PNG export)
import numpy as np
import matplotlib.image as mpimg

img = mpimg.imread("screen_pinhole.png")
if img.ndim == 3:
    img = img[..., :3].mean(axis=2)
img = img.astype(float)
img = np.clip(img - np.percentile(img, 10), 0, None)
img[img < 0.05 * img.max()] = 0

ny, nx = img.shape
yy, xx = np.mgrid[0:ny, 0:nx]
w = img / img.sum()
cx, cy = (w * xx).sum(), (w * yy).sum()
sxx = (w * (xx - cx) ** 2).sum()
syy = (w * (yy - cy) ** 2).sum()
sxy = (w * (xx - cx) * (yy - cy)).sum()

tilt = 0.5 * np.degrees(np.arctan2(2 * sxy, sxx - syy))
lam = np.linalg.eigvalsh(np.array([[sxx, sxy], [sxy, syy]]))
print(f"centroid ({cx:.1f}, {cy:.1f}) px")
print(f"rms sizes: sx {np.sqrt(sxx):.2f} px, sy {np.sqrt(syy):.2f} px, correlation {sxy / np.sqrt(sxx * syy):+.3f}")
print(f"tilt angle {tilt:+.2f} deg, principal sizes {np.sqrt(lam[1]):.2f} / {np.sqrt(lam[0]):.2f} px")
print(f"ratio of principal sizes {np.sqrt(lam[0] / lam[1]):.3f} (untilted would be {np.sqrt(min(sxx, syy) / max(sxx, syy)):.3f})")
