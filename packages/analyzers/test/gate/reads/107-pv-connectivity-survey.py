# topic: other
# why: survey which PVs of each subsystem answer (caget with timeouts) to find IOCs that are down before the shift
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
import epics

pv_list = [ln.strip() for ln in Path("key_pvs.txt").read_text().splitlines() if ln.strip() and not ln.startswith("#")]


def probe(name):
    value = epics.caget(name, timeout=1.5, connection_timeout=1.5)
    return name, value is not None


with ThreadPoolExecutor(max_workers=16) as pool:
    status = dict(pool.map(probe, pv_list))

per_sys = defaultdict(lambda: [0, 0])
for name, ok in status.items():
    system = name.split(":")[1] if name.count(":") >= 2 else "?"
    per_sys[system][0] += 1
    per_sys[system][1] += ok

print(f"{'system':<10}{'PVs':>6}{'answer':>8}")
for system, (n, ok) in sorted(per_sys.items()):
    mark = "" if ok == n else "  <-- missing"
    print(f"{system:<10}{n:6d}{ok:8d}{mark}")
down = sorted(n for n, ok in status.items() if not ok)
print(f"\n{len(down)} of {len(status)} PVs do not answer")
for name in down[:25]:
    print("  ", name)
