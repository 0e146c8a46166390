# topic: vacuum
# why: read front-end and beamline valve states and gauges with ophyd EpicsSignalRO and check the interlock chain
from ophyd import EpicsSignalRO

beamlines = ["BL02", "BL05", "BL07", "BL11"]
items = {}
for bl in beamlines:
    items[bl] = {
        "valve": EpicsSignalRO(f"FE:{bl}:VAC:GV1:STATE", name=f"{bl}_valve", string=True),
        "shutter": EpicsSignalRO(f"FE:{bl}:PSH:STATE", name=f"{bl}_shutter", string=True),
        "gauge": EpicsSignalRO(f"FE:{bl}:VAC:CCG1:P", name=f"{bl}_gauge"),
    }

for sigs in items.values():
    for sig in sigs.values():
        sig.wait_for_connection(timeout=5.0)

print(f"{'beamline':<9}{'valve':<10}{'shutter':<10}{'p [mbar]':>10}")
for bl, sigs in items.items():
    valve = sigs["valve"].get()
    shutter = sigs["shutter"].get()
    p = sigs["gauge"].get()
    note = ""
    if shutter == "OPEN" and valve != "OPEN":
        note = "  <-- shutter open with valve closed?"
    if p > 1e-8 and valve == "OPEN":
        note += "  <-- high pressure with open valve"
    print(f"{bl:<9}{valve:<10}{shutter:<10}{p:10.2e}{note}")
