# topic: other
# why: sample booster-extraction and storage-ring current PVs held in a dict of PV objects to compute shot-by-shot injection efficiency
import time
from epics import PV

pvs = {
    "booster_charge": PV("BR-DI-ICT-01:Charge-I"),
    "bts_charge": PV("BTS-DI-ICT-02:Charge-I"),
    "sr_current": PV("SR-DI-DCCT-01:Current-I"),
    "shot_counter": PV("TI-EVG:InjShotCount-I"),
}
REV_TIME_S = 1.7e-6   # ring revolution period

for name, pv in pvs.items():
    if not pv.wait_for_connection(timeout=3):
        raise SystemExit(f"{name} ({pv.pvname}) not connected")

def snapshot():
    return {k: pv.get(timeout=1.0) for k, pv in pvs.items()}

results = []
last = snapshot()
deadline = time.time() + 120
while time.time() < deadline:
    time.sleep(0.05)
    now = snapshot()
    if now["shot_counter"] == last["shot_counter"]:
        continue
    d_current_mA = now["sr_current"] - last["sr_current"]
    stored_nC = d_current_mA * 1e-3 * REV_TIME_S * 1e9
    eff_ring = stored_nC / now["bts_charge"] if now["bts_charge"] > 0.01 else float("nan")
    eff_bts = now["bts_charge"] / now["booster_charge"] if now["booster_charge"] > 0.01 else float("nan")
    results.append((now["shot_counter"], eff_bts, eff_ring))
    last = now

good = [r for r in results if r[2] == r[2]]
print(f"{len(results)} shots seen, {len(good)} with charge")
if good:
    print(f"transfer line efficiency {sum(r[1] for r in good) / len(good):.1%}")
    print(f"ring capture efficiency  {sum(r[2] for r in good) / len(good):.1%}")
    print(f"worst shot: #{min(good, key=lambda r: r[2])[0]}")
