# topic: tune
# why: collect tune-monitor updates for one minute with camonitor and report mean and jitter
import time
import statistics
import epics

updates = {"SR:TUNE:QX": [], "SR:TUNE:QY": []}


def collect(pvname=None, value=None, timestamp=None, **kw):
    updates[pvname].append((timestamp, value))


for name in updates:
    epics.camonitor(name, callback=collect)

time.sleep(60)
for name in updates:
    epics.camonitor_clear(name)

for name, vals in updates.items():
    q = [v for _, v in vals]
    if len(q) < 2:
        print(f"{name}: {len(q)} updates, not enough")
        continue
    print(f"{name}: {len(q)} updates, mean {statistics.fmean(q):.5f}, stdev {statistics.stdev(q):.2e}, range {max(q) - min(q):.2e}")

qx = statistics.fmean(v for _, v in updates["SR:TUNE:QX"]) if updates["SR:TUNE:QX"] else None
qy = statistics.fmean(v for _, v in updates["SR:TUNE:QY"]) if updates["SR:TUNE:QY"] else None
if qx is not None and qy is not None:
    print(f"distance to coupling resonance |Qx-Qy| = {abs(qx - qy):.4f}")
