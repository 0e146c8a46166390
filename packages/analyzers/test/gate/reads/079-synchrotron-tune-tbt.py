# topic: tune
# why: synchrotron tune from the slow energy oscillation in turn-by-turn data of a high-dispersion BPM
import numpy as np
from scipy.signal import find_peaks, detrend

rec = np.load("tbt_long_record.npz")
x = rec["x"]
names = list(rec["names"])
disp = rec["dispersion_m"]
k = int(np.argmax(np.abs(disp)))
sig = detrend(x[k].astype(float))
print(f"using {names[k]} (Dx = {disp[k]:.2f} m), {sig.size} turns")

# average over betatron oscillations first: moving mean over ~ 1/Qx turns is not enough, use 20 turns
smooth = np.convolve(sig, np.ones(20) / 20, mode="valid")
n = smooth.size
spec = np.abs(np.fft.rfft(smooth * np.blackman(n)))
f = np.fft.rfftfreq(n)
band = (f > 1e-3) & (f < 0.02)
peaks, props = find_peaks(spec[band], prominence=spec[band].max() * 0.1)
if len(peaks) == 0:
    raise SystemExit("no synchrotron line found")
main = peaks[np.argmax(props["prominences"])]
qs = f[band][main]
print(f"synchrotron tune Qs = {qs:.5f} ({qs * float(rec['f_rev_hz']):.1f} Hz)")
energy_amp = (spec[band][main] * 2 / np.blackman(n).sum()) * 1e-6 / abs(disp[k])
print(f"energy oscillation amplitude ~ {energy_amp * 1e4:.2f} x 1e-4")
