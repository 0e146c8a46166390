# topic: tune
# why: read the measured tunes and list the nearby resonance lines up to 5th order with their distance
import itertools
import math
import epics

qx_total = epics.caget("SR:TUNE:QX_TOTAL")
qy_total = epics.caget("SR:TUNE:QY_TOTAL")
if qx_total is None or qy_total is None:
    raise SystemExit("tune monitor not available")
qx, qy = qx_total % 1, qy_total % 1
print(f"Qx = {qx_total:.4f}, Qy = {qy_total:.4f}  (fractional {qx:.4f}, {qy:.4f})")

lines = []
for m, n in itertools.product(range(-5, 6), repeat=2):
    order = abs(m) + abs(n)
    if order == 0 or order > 5:
        continue
    for p in range(-20, 21):
        # distance of the working point from the line m*Qx + n*Qy = p
        d = abs(m * qx + n * qy - p) / math.hypot(m, n)
        if d < 0.02:
            lines.append((d, order, m, n, p))

lines = sorted(set(lines))
print(f"{'dist':>8} {'order':>5}  line")
for d, order, m, n, p in lines[:12]:
    print(f"{d:8.4f} {order:5d}  {m:+d} Qx {n:+d} Qy = {p}")
if not lines:
    print("no resonance of order <= 5 within 0.02")
