# topic: orbit
# why: get the full-ring orbit waveforms over PV Access and compare them with the saved golden orbit
from p4p.client.thread import Context
import numpy as np
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt

ctx = Context("pva")
x = np.asarray(ctx.get("SR:ORBIT:X", timeout=3.0))
y = np.asarray(ctx.get("SR:ORBIT:Y", timeout=3.0))
s = np.asarray(ctx.get("SR:ORBIT:S", timeout=3.0))
ctx.close()

golden = np.load("golden_orbit.npz")
dx = x - golden["x"]
dy = y - golden["y"]

print(f"{x.size} BPMs")
print(f"deviation from golden: rms x {dx.std():.1f} um, rms y {dy.std():.1f} um")
print(f"max |dx| {np.abs(dx).max():.1f} um at index {np.argmax(np.abs(dx))}, max |dy| {np.abs(dy).max():.1f} um at index {np.argmax(np.abs(dy))}")

fig, (a1, a2) = plt.subplots(2, 1, sharex=True, figsize=(11, 5))
a1.plot(s, dx, ".-")
a1.set_ylabel("x - golden [um]")
a2.plot(s, dy, ".-", color="C1")
a2.set_ylabel("y - golden [um]")
a2.set_xlabel("s [m]")
fig.savefig("orbit_vs_golden.png")
