# topic: other
# why: summarise beamline front-end absorber thermocouple readings from a CSV export with the statistics module and flag channels near their limits
import csv
import statistics
from collections import defaultdict
from itertools import groupby
from operator import itemgetter

LIMITS_C = {"mask": 150.0, "absorber": 200.0, "shutter": 120.0}

readings = defaultdict(list)
currents = []
with open("frontend_tc_export.csv", newline="") as fh:
    reader = csv.DictReader(fh)
    for row in reader:
        currents.append(float(row["ring_current_mA"]))
        for key, val in row.items():
            if key.startswith("FE") and val not in ("", "nan"):
                readings[key].append(float(val))

print(f"{len(currents)} rows, ring current {min(currents):.0f}-{max(currents):.0f} mA")
rows = []
for channel, vals in readings.items():
    frontend, element, _tc = channel.split(":")
    kind = next((k for k in LIMITS_C if k in element.lower()), None)
    limit = LIMITS_C.get(kind, 100.0)
    q = statistics.quantiles(vals, n=100)
    rows.append((frontend, channel, statistics.fmean(vals), q[98], max(vals), max(vals) / limit))

rows.sort(key=itemgetter(0))
for frontend, group in groupby(rows, key=itemgetter(0)):
    group = list(group)
    hottest = max(group, key=itemgetter(5))
    print(f"{frontend}: {len(group)} TCs, hottest {hottest[1]} max {hottest[4]:.1f} C ({hottest[5]:.0%} of limit)")
    for _, ch, mean, p99, mx, frac in group:
        if frac > 0.8:
            print(f"    {ch:32s} mean {mean:6.1f}  p99 {p99:6.1f}  max {mx:6.1f}  <-- {frac:.0%} of limit")
if len(currents) > 2 and "FE07:ABSORBER1:TC1" in readings:
    r = statistics.correlation(currents[:len(readings["FE07:ABSORBER1:TC1"])], readings["FE07:ABSORBER1:TC1"])
    print(f"FE07 absorber TC1 vs ring current correlation r = {r:.3f}")
