# topic: orbit
# why: compare the live orbit with the golden orbit stored in JSON and list the BPMs and cells with the largest deviation
import json
from pathlib import Path
from epics import caget_many
import numpy as np

golden = json.loads(Path("golden_orbit_2024-09.json").read_text())
# {"bpms": [{"name": "...", "x": um, "y": um, "s": m}, ...]}
bpms = golden["bpms"]
names_x = [f"{b['name']}:Pos:X-I" for b in bpms]
names_y = [f"{b['name']}:Pos:Y-I" for b in bpms]

live = caget_many(names_x + names_y, timeout=3.0)
live_x = np.array([np.nan if v is None else v for v in live[:len(bpms)]], dtype=float)
live_y = np.array([np.nan if v is None else v for v in live[len(bpms):]], dtype=float)
gold_x = np.array([b["x"] for b in bpms])
gold_y = np.array([b["y"] for b in bpms])
s = np.array([b["s"] for b in bpms])

dx, dy = live_x - gold_x, live_y - gold_y
print(f"deviation from golden orbit: rms x {np.nanstd(dx):.2f} um, rms y {np.nanstd(dy):.2f} um, "
      f"mean x {np.nanmean(dx):+.2f}, mean y {np.nanmean(dy):+.2f}")
print(f"unreadable BPMs: {int(np.isnan(dx).sum())}")

order = np.argsort(-np.nan_to_num(np.hypot(dx, dy)))
print(f"{'BPM':28s} {'s[m]':>8s} {'dx':>8s} {'dy':>8s}")
for i in order[:12]:
    print(f"{bpms[i]['name']:28s} {s[i]:8.2f} {dx[i]:8.2f} {dy[i]:8.2f}")

cells = {}
for b, ddx, ddy in zip(bpms, dx, dy):
    cells.setdefault(b["name"].split("-")[0], []).append(np.hypot(ddx, ddy))
worst = sorted(cells.items(), key=lambda kv: -np.nanmean(kv[1]))[:5]
print("worst cells:", ", ".join(f"{c} ({np.nanmean(v):.1f} um)" for c, v in worst))
