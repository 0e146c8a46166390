# topic: losses
# why: record beam-loss-monitor updates during the next injection with PV callbacks and sum them per monitor
import time
from collections import defaultdict
from epics import PV

names = [f"SR:BLM:{k:03d}:RATE" for k in range(1, 41)]
history = defaultdict(list)


def on_change(pvname=None, value=None, timestamp=None, **kws):
    history[pvname].append((timestamp, value))


pvs = [PV(n) for n in names]
for pv in pvs:
    pv.add_callback(on_change)

print("recording 90 s of BLM data...")
time.sleep(90)
for pv in pvs:
    pv.clear_callbacks()

totals = {}
for name, vals in history.items():
    if len(vals) < 2:
        continue
    t = [ts for ts, _ in vals]
    r = [v for _, v in vals]
    totals[name] = sum(0.5 * (r[k] + r[k + 1]) * (t[k + 1] - t[k]) for k in range(len(r) - 1))

for name, tot in sorted(totals.items(), key=lambda kv: kv[1], reverse=True)[:10]:
    print(f"{name:<20} integrated {tot:12.1f} counts, {len(history[name])} updates")
print(f"{len(names) - len(totals)} monitors sent fewer than 2 updates")
