# topic: logs
# why: parse the alarm handler log with regular expressions and count the most frequent alarming PVs and severities per day
import re
from collections import Counter, defaultdict
from datetime import datetime
from pathlib import Path

LINE = re.compile(
    r"^(?P<ts>\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(?:\.\d+)?)\s+"
    r"(?P<sev>MAJOR|MINOR|INVALID|NO_ALARM)\s+(?P<pv>[A-Za-z0-9:_\-{}]+)\s+(?P<status>\w+)"
)

by_pv = Counter()
by_day = defaultdict(Counter)
chatter = defaultdict(list)
unparsed = 0

for path in sorted(Path("logs").glob("alarm_*.log")):
    with path.open(errors="replace") as fh:
        for line in fh:
            m = LINE.match(line)
            if not m:
                unparsed += 1
                continue
            ts = datetime.fromisoformat(m["ts"])
            if m["sev"] == "NO_ALARM":
                continue
            by_pv[m["pv"]] += 1
            by_day[ts.date()][m["sev"]] += 1
            chatter[m["pv"]].append(ts)

print("Top 15 alarming PVs:")
for pv, n in by_pv.most_common(15):
    times = sorted(chatter[pv])
    gaps = [(b - a).total_seconds() for a, b in zip(times, times[1:])]
    fast = sum(g < 10 for g in gaps)
    print(f"  {n:6d}  {pv:45s} {'chattering' if fast > n / 2 else ''}")

print("\nPer day:")
for day in sorted(by_day):
    c = by_day[day]
    print(f"  {day}  MAJOR {c['MAJOR']:5d}  MINOR {c['MINOR']:5d}  INVALID {c['INVALID']:5d}")
print(f"\n{unparsed} unparsed lines")
