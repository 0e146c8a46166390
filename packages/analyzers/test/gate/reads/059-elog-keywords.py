# topic: logs
# why: keyword statistics of electronic logbook entries from an exported text file, grouped by week
import re
from collections import Counter, defaultdict
from datetime import datetime

KEYWORDS = ["trip", "beam loss", "injection", "orbit", "vacuum", "rf", "quench", "interlock", "feedback", "tune"]
ENTRY = re.compile(r"^=== (\d{4}-\d\d-\d\d \d\d:\d\d) \| (.+?) \| (.+)$")

entries = []
current = None
with open("elog_export.txt", encoding="utf-8") as f:
    for line in f:
        m = ENTRY.match(line)
        if m:
            current = {"time": datetime.strptime(m[1], "%Y-%m-%d %H:%M"), "author": m[2], "title": m[3], "body": ""}
            entries.append(current)
        elif current is not None:
            current["body"] += line.lower()

weekly = defaultdict(Counter)
authors = Counter()
for e in entries:
    week = e["time"].strftime("%G-W%V")
    text = (e["title"].lower() + " " + e["body"])
    authors[e["author"]] += 1
    for kw in KEYWORDS:
        if re.search(rf"\b{re.escape(kw)}\b", text):
            weekly[week][kw] += 1

print(f"{len(entries)} entries by {len(authors)} authors")
print("week      " + " ".join(f"{k[:8]:>8}" for k in KEYWORDS))
for week in sorted(weekly):
    print(f"{week:<10}" + " ".join(f"{weekly[week][k]:8d}" for k in KEYWORDS))
