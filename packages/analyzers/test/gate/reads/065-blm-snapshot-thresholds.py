# topic: losses
# why: live snapshot of all beam-loss monitors against their warning thresholds (HIHI/HIGH alarm limits)
from epics import caget_many, PV

names = [f"SR:BLM:{k:03d}:RATE" for k in range(1, 97)]
rates = caget_many(names, timeout=3.0)

rows = []
for name, rate in zip(names, rates):
    if rate is None:
        rows.append((name, None, None))
        continue
    ctrl = PV(name).get_ctrlvars(timeout=1.0) or {}
    rows.append((name, rate, ctrl.get("upper_warning_limit")))

over = [(n, r, lim) for n, r, lim in rows if r is not None and lim and r > 0.5 * lim]
dead = [n for n, r, _ in rows if r is None]
total = sum(r for _, r, _ in rows if r is not None)

print(f"{len(names)} BLMs, total rate {total:.0f} counts/s, {len(dead)} not responding")
print("monitors above 50% of warning level:")
for n, r, lim in sorted(over, key=lambda x: x[1] / x[2], reverse=True):
    print(f"  {n:<18} {r:10.1f} / {lim:10.1f} ({r / lim * 100:5.1f}%)")
if dead:
    print("not responding:", ", ".join(dead[:10]), "..." if len(dead) > 10 else "")
