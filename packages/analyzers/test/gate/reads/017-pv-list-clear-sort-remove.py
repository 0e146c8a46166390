# topic: magnets
# why: read corrector current readbacks, drop the disconnected ones from the list and rank by magnitude
import epics

pvs = [epics.PV(f"SR:C{c:02d}:HCM{i}:I_RB") for c in range(1, 9) for i in (1, 2, 3)]
for pv in pvs:
    pv.wait_for_connection(timeout=2.0)

disconnected = [pv for pv in pvs if not pv.connected]
for pv in disconnected:
    pvs.remove(pv)
print(f"{len(pvs)} connected, {len(disconnected)} not connected")

readings = {pv.pvname: pv.get() for pv in pvs}
pvs.sort(key=lambda pv: abs(readings[pv.pvname] or 0.0), reverse=True)

print("strongest horizontal correctors:")
for pv in pvs[:8]:
    print(f"  {pv.pvname:<22} {readings[pv.pvname]:8.3f} A")

near_limit = [pv.pvname for pv in pvs if abs(readings[pv.pvname] or 0.0) > 9.0]
print("near the 10 A limit:", near_limit or "none")

pvs.clear()
disconnected.clear()
print("done")
