# topic: lifetime
# why: collect DCCT beam current updates via a PV callback for a few minutes and fit the beam lifetime
import time
import numpy as np
from epics import PV

samples = []

def on_current(pvname=None, value=None, timestamp=None, **kw):
    if value is not None:
        samples.append((timestamp, float(value)))

dcct = PV("SR-DI-DCCT-01:SIGNAL", auto_monitor=True)
if not dcct.wait_for_connection(timeout=5):
    raise SystemExit("DCCT PV not connected")
dcct.add_callback(on_current)

duration = 180
print(f"collecting beam current for {duration} s ...")
time.sleep(duration)
dcct.clear_callbacks()

t, i = np.array(samples).T
t = t - t[0]
if i.min() < 1.0:
    print("warning: current below 1 mA, result unreliable")

# ln I(t) = ln I0 - t / tau
coef = np.polyfit(t, np.log(i), 1)
tau_h = -1.0 / coef[0] / 3600.0
resid = np.log(i) - np.polyval(coef, t)
print(f"{len(t)} samples, mean current {i.mean():.2f} mA")
print(f"lifetime = {tau_h:.2f} h (fit residual rms {resid.std() * 1e3:.3f} permille)")
print(f"I*tau = {i.mean() * tau_h:.1f} mA.h")
