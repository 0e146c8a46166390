# topic: vacuum
# why: snapshot of all ion-gauge pressures with caget_many, flagging sectors above threshold
import math
from datetime import datetime
from epics import caget_many

sectors = range(1, 25)
names = [f"SR:S{s:02d}:VAC:IG1:P" for s in sectors] + [f"SR:S{s:02d}:VAC:IG2:P" for s in sectors]
values = caget_many(names, timeout=2.0)

THRESH = 5e-9  # mbar
print(f"vacuum snapshot {datetime.now():%Y-%m-%d %H:%M:%S}")
bad, missing = [], []
for name, val in zip(names, values):
    if val is None:
        missing.append(name)
        continue
    if val > THRESH:
        bad.append((name, val))

valid = [v for v in values if v is not None and v > 0]
if valid:
    geo = math.exp(sum(math.log(v) for v in valid) / len(valid))
    print(f"{len(valid)} gauges, geometric mean pressure {geo:.2e} mbar, max {max(valid):.2e}")
for name, val in sorted(bad, key=lambda nv: nv[1], reverse=True):
    print(f"  HIGH {name}: {val:.2e} mbar")
if missing:
    print("no reply from:", ", ".join(missing))
