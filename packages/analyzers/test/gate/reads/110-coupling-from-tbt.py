# topic: optics
# why: local coupling indicator: amplitude of the horizontal tune line in vertical TbT data at each BPM
import numpy as np
import h5py

with h5py.File("tbt_pinger.h5", "r") as f:
    x = f["bpm/x"][:].astype(float)
    y = f["bpm/y"][:].astype(float)
    names = [n.decode() for n in f["bpm/names"][:]]

n = x.shape[1]
turns = np.arange(n)
w = np.hanning(n)
x -= x.mean(axis=1, keepdims=True)
y -= y.mean(axis=1, keepdims=True)


def line_amplitude(data, q):
    return np.abs((data * w) @ np.exp(-2j * np.pi * q * turns)) * 2 / w.sum()


fx = np.abs(np.fft.rfft(x * w, axis=1)).mean(axis=0)
fy = np.abs(np.fft.rfft(y * w, axis=1)).mean(axis=0)
freq = np.fft.rfftfreq(n)
qx = freq[5:][np.argmax(fx[5:])]
qy = freq[5:][np.argmax(fy[5:])]
ratio = line_amplitude(y, qx) / line_amplitude(x, qx)
print(f"Qx {qx:.4f}, Qy {qy:.4f}")
print(f"vertical/horizontal amplitude at Qx: median {np.median(ratio):.3f}, max {ratio.max():.3f} at {names[int(np.argmax(ratio))]}")
cminus_est = 2 * np.median(ratio) * abs(qx - qy)
print(f"rough |C-| estimate {cminus_est:.4f}")
for k in np.argsort(ratio)[::-1][:5]:
    print(f"  {names[k]:<16} {ratio[k]:.3f}")
