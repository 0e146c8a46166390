# topic: magnets
# why: check how close each sextupole power supply current is to its control limits using get_ctrlvars
from epics import PV

families = ["SF", "SD", "SFM", "SDM"]
rows = []
for fam in families:
    for k in range(1, 5):
        pv = PV(f"SR:PS:{fam}{k}:I_RB")
        value = pv.get(timeout=2.0)
        ctrl = pv.get_ctrlvars(timeout=2.0) or {}
        lo = ctrl.get("lower_ctrl_limit")
        hi = ctrl.get("upper_ctrl_limit")
        rows.append((pv.pvname, value, lo, hi, ctrl.get("units", "")))

print(f"{'PV':<20}{'value':>10}{'low':>10}{'high':>10}{'used %':>9}")
for name, v, lo, hi, units in rows:
    if v is None or lo is None or hi is None or hi == lo:
        print(f"{name:<20} incomplete: value={v} limits=({lo}, {hi})")
        continue
    used = (v - lo) / (hi - lo) * 100
    warn = "  <-- near limit" if used > 90 or used < 10 else ""
    print(f"{name:<20}{v:10.3f}{lo:10.1f}{hi:10.1f}{used:9.1f} {units}{warn}")
