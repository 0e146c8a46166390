# topic: other
# why: shift summary (current, lifetime, injections, downtime) from archiver JSON plus a live snapshot
import json
from datetime import datetime, timedelta
import numpy as np
import epics

with open("shift_archive.json") as f:
    arch = json.load(f)

t = np.array([p["secs"] for p in arch["SR:DCCT:CURRENT"]])
i = np.array([p["val"] for p in arch["SR:DCCT:CURRENT"]])
start, end = datetime.fromtimestamp(t[0]), datetime.fromtimestamp(t[-1])

beam_on = i > 1.0
dt = np.diff(t, append=t[-1])
uptime_h = dt[beam_on].sum() / 3600
total_h = (t[-1] - t[0]) / 3600
injections = int(np.sum(np.diff(i) > 2.0))

live = {
    "current_mA": epics.caget("SR:DCCT:CURRENT"),
    "lifetime_h": epics.caget("SR:DCCT:LIFETIME"),
    "mode": epics.caget("SR:OPS:MODE", as_string=True),
}

print(f"Shift {start:%Y-%m-%d %H:%M} - {end:%H:%M}")
print(f"  beam available {uptime_h:.2f} h of {total_h:.2f} h ({uptime_h / total_h * 100:.1f}%)")
print(f"  injections: {injections}, peak current {i.max():.1f} mA, mean {i[beam_on].mean():.1f} mA")
print(f"  downtime: {timedelta(seconds=float(dt[~beam_on].sum()))}")
print(f"  now: {live['current_mA']} mA, lifetime {live['lifetime_h']} h, mode {live['mode']}")

with open("shift_summary.json", "w") as f:
    json.dump({"start": start.isoformat(), "end": end.isoformat(), "uptime_h": uptime_h, "injections": injections, "live": live}, f, indent=2)
