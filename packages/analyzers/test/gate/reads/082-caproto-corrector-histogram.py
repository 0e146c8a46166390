# topic: magnets
# why: read every orbit corrector setpoint readback with caproto and histogram their strengths per plane
from caproto.threading.client import Context
import numpy as np
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt

names = {plane: [f"SR:C{c:02d}:{plane}CM{i}:I_RB" for c in range(1, 25) for i in range(1, 5)] for plane in ("H", "V")}
ctx = Context()
values = {}
for plane, plist in names.items():
    pvs = ctx.get_pvs(*plist, timeout=3.0)
    vals = []
    for pv in pvs:
        try:
            vals.append(float(pv.read(timeout=2.0).data[0]))
        except TimeoutError:
            print("timeout:", pv.name)
    values[plane] = np.array(vals)

fig, axes = plt.subplots(1, 2, figsize=(10, 3.5))
for ax, (plane, v) in zip(axes, values.items()):
    print(f"{plane}: n={v.size} mean {v.mean():+.3f} A, rms {np.sqrt(np.mean(v ** 2)):.3f} A, max |I| {np.abs(v).max():.3f} A")
    ax.hist(v, bins=30)
    ax.set_title(f"{plane} correctors")
    ax.set_xlabel("I [A]")
fig.tight_layout()
fig.savefig("corrector_histograms.png")
