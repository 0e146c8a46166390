# topic: vacuum
# why: list ion-pump currents of one sector ordered by PV name and estimate pressure from the pump current
import epics

pumps = [epics.PV(f"SR:S07:VAC:IP{i}:I") for i in (4, 1, 3, 2, 6, 5)]
for p in pumps:
    p.wait_for_connection(timeout=2.0)

K_MBAR_PER_A = 1.1e-4 / 55.0  # rough ion pump calibration for 55 l/s pumps

print(f"{'pump':<22}{'I [A]':>12}{'p est [mbar]':>15}")
for pv in sorted(pumps, key=lambda p: p.pvname):
    i = pv.get()
    if i is None:
        print(f"{pv.pvname:<22}{'n/c':>12}")
        continue
    units = pv.units or "A"
    print(f"{pv.pvname:<22}{i:12.3e}{i * K_MBAR_PER_A:15.2e}  [{units}]")

worst = max((p for p in pumps if p.connected), key=lambda p: p.get() or 0.0, default=None)
if worst is not None:
    print("highest pump current:", worst.pvname)
