# topic: bpm
# why: read the X/Y position of every BPM of two cells with the caproto threading client and print the offsets
from caproto.threading.client import Context
import numpy as np

cells = (5, 6)
names = [f"SR:C{c:02d}:BPM{i}:{p}" for c in cells for i in range(1, 7) for p in ("X", "Y")]

ctx = Context()
pvs = ctx.get_pvs(*names, timeout=2.0)
for pv in pvs:
    pv.wait_for_connection(timeout=3.0)

values = {}
for pv in pvs:
    resp = pv.read(timeout=2.0)
    values[pv.name] = float(resp.data[0])

x = np.array([values[n] for n in names if n.endswith(":X")])
y = np.array([values[n] for n in names if n.endswith(":Y")])
print(f"cells {cells}: <x> = {x.mean():.1f} um (rms {x.std():.1f}), <y> = {y.mean():.1f} um (rms {y.std():.1f})")
for n in names:
    if abs(values[n]) > 3 * (x.std() if n.endswith("X") else y.std()) + 50:
        print(f"  large offset {n}: {values[n]:.1f} um")
