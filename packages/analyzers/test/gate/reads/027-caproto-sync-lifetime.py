# topic: lifetime
# why: compute lifetime from two current readings taken a minute apart with caproto's sync client
import math
import time
from caproto.sync.client import read


def current_mA():
    return float(read("SR:DCCT:CURRENT", timeout=2.0).data[0])


samples = []
for _ in range(7):
    samples.append((time.monotonic(), current_mA()))
    time.sleep(10)

(t0, i0), (t1, i1) = samples[0], samples[-1]
if i1 <= 0 or i0 <= i1:
    print("current not decaying (injection or no beam); lifetime undefined")
else:
    tau_h = (t1 - t0) / math.log(i0 / i1) / 3600
    print(f"I: {i0:.3f} -> {i1:.3f} mA in {t1 - t0:.0f} s, lifetime {tau_h:.2f} h")

ioc_tau = float(read("SR:DCCT:LIFETIME", timeout=2.0).data[0])
print(f"IOC lifetime readback: {ioc_tau:.2f} h")
slopes = [(b[1] - a[1]) / (b[0] - a[0]) for a, b in zip(samples, samples[1:])]
print("dI/dt per interval [uA/s]:", [round(s * 1000, 3) for s in slopes])
