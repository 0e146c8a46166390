# topic: logs
# why: count alarms per PV and per severity from the alarm-server text log of the last week
import re
from collections import Counter, defaultdict
from datetime import datetime
from pathlib import Path

LINE = re.compile(r"^(?P<ts>\d{4}-\d\d-\d\d \d\d:\d\d:\d\d)\s+(?P<sev>MAJOR|MINOR|INVALID|OK)\s+(?P<pv>\S+)\s*(?P<msg>.*)$")

per_pv = Counter()
per_sev = Counter()
per_hour = Counter()
first_seen = {}
messages = defaultdict(set)

for path in sorted(Path("alarm_logs").glob("alarms-*.log")):
    for line in path.read_text().splitlines():
        m = LINE.match(line)
        if not m or m["sev"] == "OK":
            continue
        ts = datetime.strptime(m["ts"], "%Y-%m-%d %H:%M:%S")
        per_pv[m["pv"]] += 1
        per_sev[m["sev"]] += 1
        per_hour[ts.hour] += 1
        first_seen.setdefault(m["pv"], ts)
        messages[m["pv"]].add(m["msg"].strip())

print("alarms by severity:", dict(per_sev))
print("\nmost frequent alarming PVs:")
for pv, n in per_pv.most_common(15):
    print(f"  {n:5d}  {pv:<35} first {first_seen[pv]:%a %H:%M}  ({len(messages[pv])} distinct messages)")
busiest = max(per_hour, key=per_hour.get) if per_hour else None
print(f"\nbusiest hour of day: {busiest}:00 with {per_hour.get(busiest, 0)} alarms")
