# topic: images
# why: fetch one frame from an areaDetector NTNDArray with pvaccess and compute centroid and rms size
import numpy as np
import pvaccess as pva

ch = pva.Channel("SR:DIAG:CAM1:Pva1:Image")
frame = ch.get("field()")
dims = frame["dimension"]
nx, ny = dims[0]["size"], dims[1]["size"]
raw = frame["value"][0]
key = next(iter(raw))
img = np.asarray(raw[key], dtype=float).reshape(ny, nx)

PIXEL_UM = 3.45 * 2.0  # sensor pixel x magnification
img -= np.median(img)
img[img < 0] = 0
total = img.sum()
yy, xx = np.indices(img.shape)
cx = (xx * img).sum() / total
cy = (yy * img).sum() / total
sx = np.sqrt(((xx - cx) ** 2 * img).sum() / total)
sy = np.sqrt(((yy - cy) ** 2 * img).sum() / total)

print(f"frame {nx}x{ny}, peak {img.max():.0f}, saturated pixels {(img >= 4095).sum()}")
print(f"centroid ({cx * PIXEL_UM:.1f}, {cy * PIXEL_UM:.1f}) um, rms size ({sx * PIXEL_UM:.1f}, {sy * PIXEL_UM:.1f}) um")
np.save("cam1_frame.npy", img)
