# topic: images
# why: compute beam centroid and RMS sizes from saved YAG screen images (NPZ) after background subtraction and median filtering
import numpy as np
from scipy import ndimage

data = np.load("yag_screen_LI-DI-SCR-03.npz")
frames = data["frames"].astype(float)        # (n_frames, ny, nx)
background = data["background"].astype(float)
pix_um = float(data["pixel_size_um"])

def beam_moments(img):
    img = ndimage.median_filter(img, size=3)
    img = np.clip(img - np.percentile(img, 20), 0, None)
    mask = img > 0.05 * img.max()
    labels, n = ndimage.label(mask)
    if n == 0:
        return None
    sizes = ndimage.sum(mask, labels, range(1, n + 1))
    main = labels == (np.argmax(sizes) + 1)
    img = np.where(ndimage.binary_dilation(main, iterations=5), img, 0.0)
    cy, cx = ndimage.center_of_mass(img)
    y, x = np.indices(img.shape)
    w = img / img.sum()
    sx = np.sqrt((w * (x - cx) ** 2).sum())
    sy = np.sqrt((w * (y - cy) ** 2).sum())
    return cx, cy, sx, sy, img.sum()

rows = []
for k, frame in enumerate(frames):
    res = beam_moments(frame - background)
    if res is not None:
        rows.append(res)

arr = np.array(rows)
cx, cy, sx, sy, inten = arr.T * np.array([pix_um, pix_um, pix_um, pix_um, 1.0])[:, None]
print(f"{len(arr)}/{len(frames)} frames with beam")
print(f"centroid x = {cx.mean():8.1f} +/- {cx.std():5.1f} um, y = {cy.mean():8.1f} +/- {cy.std():5.1f} um")
print(f"sigma    x = {sx.mean():8.1f} +/- {sx.std():5.1f} um, y = {sy.mean():8.1f} +/- {sy.std():5.1f} um")
print(f"intensity jitter {inten.std() / inten.mean():.1%}")
