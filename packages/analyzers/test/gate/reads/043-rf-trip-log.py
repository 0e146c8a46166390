# topic: rf
# why: classify RF trips from the interlock log by cause and cavity, and compute mean time between trips
import csv
from collections import Counter
from datetime import datetime
import statistics

trips = []
with open("rf_interlock_log.csv", newline="") as f:
    for row in csv.DictReader(f):
        if row["event"] != "TRIP":
            continue
        trips.append((datetime.fromisoformat(row["time"]), row["cavity"], row["cause"].strip().upper()))

trips.sort()
print(f"{len(trips)} trips between {trips[0][0]:%Y-%m-%d} and {trips[-1][0]:%Y-%m-%d}")

by_cause = Counter(c for _, _, c in trips)
by_cav = Counter(cav for _, cav, _ in trips)
print("by cause:")
for cause, n in by_cause.most_common():
    print(f"  {cause:<20}{n:4d}")
print("by cavity:", dict(sorted(by_cav.items())))

gaps_h = [(b[0] - a[0]).total_seconds() / 3600 for a, b in zip(trips, trips[1:])]
if gaps_h:
    print(f"mean time between trips {statistics.fmean(gaps_h):.1f} h, median {statistics.median(gaps_h):.1f} h")
    bursts = sum(1 for g in gaps_h if g < 0.25)
    print(f"{bursts} trips within 15 min of the previous one (repeated trips)")
