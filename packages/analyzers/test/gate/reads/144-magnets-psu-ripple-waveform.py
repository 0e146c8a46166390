# topic: magnets
# why: read the fast current waveform of the booster dipole power supply with a PV object and compute ripple harmonics via FFT
import numpy as np
from epics import PV

wave_pv = PV("BR-PS-DIP:CurrentWaveform-I")
rate_pv = PV("BR-PS-DIP:SampleRate-RB")
ref_pv = PV("BR-PS-DIP:CurrentRef-SP")

wf = wave_pv.get(timeout=5.0)
fs = rate_pv.get(timeout=2.0)
ref = ref_pv.get(timeout=2.0)
if wf is None or fs is None:
    raise SystemExit("could not read waveform or sample rate")

wf = np.asarray(wf, dtype=float)
n = len(wf)
# remove the booster ramp with a low-order polynomial, keep the ripple
t = np.arange(n) / fs
ramp = np.polyval(np.polyfit(t, wf, 5), t)
ripple = wf - ramp

win = np.blackman(n)
spec = np.abs(np.fft.rfft(ripple * win)) * 2 / win.sum()
freq = np.fft.rfftfreq(n, 1 / fs)

print(f"{n} samples at {fs:.0f} Hz, reference setpoint {ref} A, peak current {wf.max():.2f} A")
print(f"ripple rms {ripple.std() * 1e3:.2f} mA ({ripple.std() / wf.max() * 1e6:.1f} ppm of peak)")
for h in (50, 100, 150, 300, 600):
    k = np.argmin(np.abs(freq - h))
    sl = slice(max(k - 2, 0), k + 3)
    print(f"  {h:4d} Hz line: {spec[sl].max() * 1e3:7.3f} mA")
top = np.argsort(spec[1:])[::-1][:5] + 1
print("largest lines:", ", ".join(f"{freq[k]:.1f} Hz ({spec[k] * 1e3:.2f} mA)" for k in top))
