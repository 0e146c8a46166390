# topic: vacuum
# why: read ion pump and gauge readbacks of one straight section through an ophyd Device and check against interlock levels
from ophyd import Device, Component as Cpt, EpicsSignalRO


class StraightVacuum(Device):
    ccg_up = Cpt(EpicsSignalRO, "CCG-01:P-RB")
    ccg_down = Cpt(EpicsSignalRO, "CCG-02:P-RB")
    ip1_current = Cpt(EpicsSignalRO, "IP-01:I-RB")
    ip2_current = Cpt(EpicsSignalRO, "IP-02:I-RB")
    ip1_pressure = Cpt(EpicsSignalRO, "IP-01:P-RB")
    ip2_pressure = Cpt(EpicsSignalRO, "IP-02:P-RB")
    valve_state = Cpt(EpicsSignalRO, "GV-01:Sts-RB", string=True)


INTERLOCK_MBAR = 5e-8
WARN_MBAR = 1e-8

for straight in ("SR-ID07", "SR-ID08", "SR-ID09"):
    dev = StraightVacuum(f"{straight}:VA-", name=straight.lower().replace("-", "_"))
    dev.wait_for_connection(timeout=5.0)
    reading = dev.read()
    print(f"== {straight} (valve {dev.valve_state.get()}) ==")
    for key, rec in reading.items():
        short = key.replace(dev.name + "_", "")
        val = rec["value"]
        if short.endswith("pressure") or short.startswith("ccg"):
            flag = "INTERLOCK" if val > INTERLOCK_MBAR else ("warn" if val > WARN_MBAR else "")
            print(f"  {short:14s} {val:9.2e} mbar {flag}")
        elif short.endswith("current"):
            print(f"  {short:14s} {val * 1e6:9.2f} uA")
    ratio = dev.ccg_up.get() / max(dev.ccg_down.get(), 1e-12)
    if ratio > 5 or ratio < 0.2:
        print(f"  upstream/downstream pressure asymmetry {ratio:.1f}")
