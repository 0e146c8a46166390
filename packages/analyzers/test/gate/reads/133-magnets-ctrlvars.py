# topic: magnets
# why: check quadrupole power supply readbacks against their control limits and alarm limits using pv.get_ctrlvars
from epics import PV

families = {
    "QF": [f"LTB-MG-QF-{i}" for i in range(1, 7)],
    "QD": [f"LTB-MG-QD-{i}" for i in range(1, 7)],
    "BEND": ["LTB-MG-BM-1", "LTB-MG-BM-2"],
}

pvs = {fam: [PV(f"{m}:Current-RB") for m in mags] for fam, mags in families.items()}

for fam, plist in pvs.items():
    print(f"--- {fam} ---")
    for pv in plist:
        value = pv.get(timeout=2.0)
        if value is None:
            print(f"  {pv.pvname:28s} disconnected")
            continue
        ctrl = pv.get_ctrlvars(timeout=2.0) or {}
        lo, hi = ctrl.get("lower_ctrl_limit", 0.0), ctrl.get("upper_ctrl_limit", 0.0)
        hihi = ctrl.get("upper_alarm_limit")
        units = ctrl.get("units", "")
        span = hi - lo if hi > lo else None
        frac = (value - lo) / span if span else float("nan")
        notes = []
        if span and frac > 0.9:
            notes.append("above 90% of range")
        if hihi and value > 0.95 * hihi:
            notes.append("near HIHI")
        if pv.severity:
            notes.append(f"severity={pv.severity}")
        print(f"  {pv.pvname:28s} {value:9.3f} {units:3s} range [{lo:.1f}, {hi:.1f}] {frac:6.1%}  {'; '.join(notes)}")
