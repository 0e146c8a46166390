# topic: logs
# why: parse an exported operator e-log CSV to summarise beam downtime by category and shift using datetime arithmetic
import csv
import re
from collections import defaultdict
from datetime import datetime, timedelta

SHIFTS = [("owl", 0), ("day", 8), ("swing", 16)]
DURATION = re.compile(r"(?:(\d+)\s*h)?\s*(?:(\d+)\s*min)?", re.I)

def shift_of(ts):
    name = SHIFTS[0][0]
    for label, start in SHIFTS:
        if ts.hour >= start:
            name = label
    return name

def parse_duration(text):
    m = DURATION.search(text or "")
    if not m or not any(m.groups()):
        return timedelta(0)
    return timedelta(hours=int(m.group(1) or 0), minutes=int(m.group(2) or 0))

downtime = defaultdict(timedelta)
per_shift = defaultdict(timedelta)
count = defaultdict(int)
with open("elog_export_2024Q2.csv", newline="", encoding="utf-8") as fh:
    for row in csv.DictReader(fh):
        if "beam loss" not in row["tags"].lower() and "fault" not in row["tags"].lower():
            continue
        ts = datetime.strptime(row["created"], "%Y-%m-%d %H:%M:%S")
        dur = parse_duration(row.get("downtime", ""))
        cat = row.get("system") or "unassigned"
        downtime[cat] += dur
        per_shift[shift_of(ts)] += dur
        count[cat] += 1

total = sum(downtime.values(), timedelta())
print(f"total logged downtime: {total} in {sum(count.values())} entries")
for cat, dt in sorted(downtime.items(), key=lambda kv: kv[1], reverse=True):
    share = dt / total if total else 0
    print(f"  {cat:20s} {str(dt):>16s} {share:6.1%}  ({count[cat]} entries, mean {dt / count[cat]})")
print("by shift:", {k: str(v) for k, v in per_shift.items()})
