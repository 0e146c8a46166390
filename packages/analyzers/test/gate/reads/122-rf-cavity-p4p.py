# topic: rf
# why: read cavity voltage, phase and forward/reflected power for all RF cavities via PVAccess and report VSWR and balance
import math
from p4p.client.thread import Context

CAVITIES = ["SR-RF-CAV1", "SR-RF-CAV2", "SR-RF-CAV3", "SR-RF-CAV4"]
FIELDS = ["Vcav-I", "Phase-I", "Pfwd-I", "Prefl-I"]

ctx = Context("pva")
names = [f"{cav}:{fld}" for cav in CAVITIES for fld in FIELDS]
values = ctx.get(names, timeout=3.0, throw=False)

table = {}
for name, val in zip(names, values):
    cav, fld = name.split(":")
    table.setdefault(cav, {})[fld] = None if isinstance(val, Exception) else float(val)
ctx.close()

total_v = 0.0
print(f"{'cavity':12s} {'V [kV]':>8s} {'phase':>8s} {'Pfwd kW':>9s} {'Prefl kW':>9s} {'VSWR':>6s}")
for cav, d in table.items():
    if None in d.values():
        print(f"{cav:12s} incomplete read: {[k for k, v in d.items() if v is None]}")
        continue
    gamma = math.sqrt(max(d["Prefl-I"], 0.0) / d["Pfwd-I"]) if d["Pfwd-I"] > 0 else float("nan")
    vswr = (1 + gamma) / (1 - gamma) if gamma < 1 else float("inf")
    total_v += d["Vcav-I"]
    print(f"{cav:12s} {d['Vcav-I']:8.1f} {d['Phase-I']:8.2f} {d['Pfwd-I']:9.1f} {d['Prefl-I']:9.2f} {vswr:6.2f}")

volts = [d["Vcav-I"] for d in table.values() if d["Vcav-I"] is not None]
if volts:
    mean_v = sum(volts) / len(volts)
    print(f"total voltage {total_v / 1000:.3f} MV, max imbalance {max(abs(v - mean_v) for v in volts) / mean_v:.1%}")
