# topic: rf
# why: read RF cavity voltages, phases and reflected powers with ophyd read-only signals and check the ratios
from ophyd import EpicsSignalRO

cavities = ["CAV1", "CAV2", "CAV3", "CAV4"]
signals = {}
for cav in cavities:
    for field in ("VOLT_RB", "PHASE_RB", "FWD_PWR", "REFL_PWR"):
        sig = EpicsSignalRO(f"SR:RF:{cav}:{field}", name=f"{cav.lower()}_{field.lower()}")
        signals[(cav, field)] = sig

for sig in signals.values():
    sig.wait_for_connection(timeout=5.0)

total_v = 0.0
print(f"{'cav':<6}{'V [MV]':>8}{'phi':>8}{'Pf [kW]':>9}{'Pr [kW]':>9}{'refl %':>8}")
for cav in cavities:
    v = signals[(cav, "VOLT_RB")].get()
    ph = signals[(cav, "PHASE_RB")].get()
    pf = signals[(cav, "FWD_PWR")].get()
    pr = signals[(cav, "REFL_PWR")].get()
    total_v += v
    refl = pr / pf * 100 if pf else float("nan")
    print(f"{cav:<6}{v:8.3f}{ph:8.1f}{pf:9.1f}{pr:9.2f}{refl:8.2f}")
print(f"total gap voltage {total_v:.3f} MV")
