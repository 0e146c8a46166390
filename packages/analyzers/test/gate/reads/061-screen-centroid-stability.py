# topic: images
# why: centroid jitter of the beam on a screen from a burst of camera frames stored in HDF5
import h5py
import numpy as np
from scipy import ndimage

with h5py.File("cam_burst_200.h5", "r") as f:
    frames = f["entry/data/data"][:]
    pixel_um = float(f["entry/instrument/detector/x_pixel_size"][()])
    ts = f["entry/data/timestamps"][:] if "entry/data/timestamps" in f else None

print(f"{frames.shape[0]} frames of {frames.shape[1]}x{frames.shape[2]}, pixel {pixel_um} um")
bg = np.percentile(frames, 5, axis=0)
cents = []
for fr in frames:
    img = np.clip(fr.astype(float) - bg, 0, None)
    img = ndimage.median_filter(img, size=3)
    mask = img > 0.2 * img.max()
    cy, cx = ndimage.center_of_mass(img * mask)
    cents.append((cx * pixel_um, cy * pixel_um))
cents = np.array(cents)

print(f"centroid jitter rms: x {cents[:, 0].std():.2f} um, y {cents[:, 1].std():.2f} um")
print(f"peak-to-peak: x {np.ptp(cents[:, 0]):.2f} um, y {np.ptp(cents[:, 1]):.2f} um")
if ts is not None and len(ts) > 16:
    fs = 1.0 / np.median(np.diff(ts))
    spec = np.abs(np.fft.rfft(cents[:, 1] - cents[:, 1].mean()))
    f = np.fft.rfftfreq(len(cents), d=1 / fs)
    print(f"dominant vertical jitter frequency {f[1:][np.argmax(spec[1:])]:.2f} Hz (frame rate {fs:.1f} Hz)")
