# topic: archiver
# why: daily min/mean/max report for a list of channels from archiver appliance JSON exports in the folder
import json
from pathlib import Path
from datetime import datetime, timezone
from collections import defaultdict
import statistics

report = defaultdict(dict)
for path in sorted(Path("archiver_json").glob("*.json")):
    for entry in json.loads(path.read_text()):
        name = entry["meta"]["name"]
        per_day = defaultdict(list)
        for point in entry["data"]:
            day = datetime.fromtimestamp(point["secs"], tz=timezone.utc).date()
            val = point["val"]
            if isinstance(val, (int, float)):
                per_day[day].append(float(val))
        for day, vals in per_day.items():
            report[name][day] = (min(vals), statistics.fmean(vals), max(vals), len(vals))

for name in sorted(report):
    print(name)
    for day in sorted(report[name]):
        lo, mean, hi, n = report[name][day]
        print(f"  {day}  min {lo:12.5g}  mean {mean:12.5g}  max {hi:12.5g}  ({n} points)")

with open("daily_report.json", "w") as f:
    json.dump({n: {str(d): v for d, v in days.items()} for n, days in report.items()}, f, indent=1)
