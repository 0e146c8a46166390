# topic: images
# why: read areaDetector stats plugin outputs of the linac screen cameras via ophyd signals and compare beam centroid and size across screens
from ophyd import Device, Component as Cpt, EpicsSignalRO


class ScreenStats(Device):
    cx = Cpt(EpicsSignalRO, "Stats1:CentroidX_RBV")
    cy = Cpt(EpicsSignalRO, "Stats1:CentroidY_RBV")
    sx = Cpt(EpicsSignalRO, "Stats1:SigmaX_RBV")
    sy = Cpt(EpicsSignalRO, "Stats1:SigmaY_RBV")
    total = Cpt(EpicsSignalRO, "Stats1:Total_RBV")
    max_val = Cpt(EpicsSignalRO, "Stats1:MaxValue_RBV")
    acquire = Cpt(EpicsSignalRO, "cam1:Acquire_RBV")


SCREENS = {"OTR1": ("LI-DI-OTR1:", 12.4), "OTR2": ("LI-DI-OTR2:", 12.4), "YAG3": ("LI-DI-YAG3:", 21.0)}
SATURATION = 4095

rows = []
for label, (prefix, um_per_px) in SCREENS.items():
    cam = ScreenStats(prefix, name=label.lower())
    try:
        cam.wait_for_connection(timeout=4.0)
    except TimeoutError:
        print(f"{label}: not connected")
        continue
    r = {k.split("_", 1)[1]: v["value"] for k, v in cam.read().items()}
    rows.append((label, r, um_per_px))

print(f"{'screen':6s} {'acq':>3s} {'cx um':>8s} {'cy um':>8s} {'sx um':>7s} {'sy um':>7s} {'total':>10s}  notes")
for label, r, s in rows:
    notes = []
    if not r["acquire"]:
        notes.append("camera not acquiring")
    if r["max_val"] >= SATURATION:
        notes.append("saturated")
    print(f"{label:6s} {int(r['acquire']):3d} {r['cx'] * s:8.1f} {r['cy'] * s:8.1f} "
          f"{r['sx'] * s:7.1f} {r['sy'] * s:7.1f} {r['total']:10.3g}  {', '.join(notes)}")
