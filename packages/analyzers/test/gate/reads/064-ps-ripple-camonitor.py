# topic: magnets
# why: collect fast updates of a dipole power-supply current for 20 s and analyse its ripple spectrum
import time
import numpy as np
from epics import PV

samples = []


def store(value=None, timestamp=None, **kw):
    samples.append((timestamp, value))


pv = PV("SR:PS:BEND:I_FAST_RB", auto_monitor=True)
pv.wait_for_connection(timeout=3.0)
nominal = pv.get()
pv.add_callback(store)
time.sleep(20)
pv.clear_callbacks()

arr = np.array(samples, dtype=float)
t, i = arr[:, 0], arr[:, 1]
print(f"{len(i)} updates at {len(i) / (t[-1] - t[0]):.1f} Hz, nominal {nominal:.4f} A")
rel = (i - i.mean()) / i.mean()
print(f"ripple rms {rel.std() * 1e6:.1f} ppm, p2p {np.ptp(rel) * 1e6:.1f} ppm")

grid = np.linspace(t[0], t[-1], len(t))
ig = np.interp(grid, t, rel)
spec = np.abs(np.fft.rfft(ig * np.hanning(len(ig)))) * 2 / len(ig)
freq = np.fft.rfftfreq(len(ig), d=grid[1] - grid[0])
for k in np.argsort(spec[1:])[::-1][:5] + 1:
    print(f"  line at {freq[k]:7.2f} Hz: {spec[k] * 1e6:.2f} ppm")
