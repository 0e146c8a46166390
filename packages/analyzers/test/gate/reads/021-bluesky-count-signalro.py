# topic: bpm
# why: take 10 readings of beam current and two BPM positions with bluesky count over read-only signals
from bluesky import RunEngine
from bluesky.plans import count
from bluesky.callbacks import LiveTable
from ophyd import EpicsSignalRO
import numpy as np

current = EpicsSignalRO("SR:DCCT:CURRENT", name="current")
bpm_x = EpicsSignalRO("SR:C03:BPM2:X", name="bpm_x")
bpm_y = EpicsSignalRO("SR:C03:BPM2:Y", name="bpm_y")
dets = [current, bpm_x, bpm_y]
for d in dets:
    d.wait_for_connection(timeout=5)

rows = []


def collect(name, doc):
    if name == "event":
        rows.append(doc["data"])


RE = RunEngine({})
RE(count(dets, num=10, delay=0.5), [LiveTable(["current", "bpm_x", "bpm_y"]), collect])

for key in ("current", "bpm_x", "bpm_y"):
    vals = np.array([r[key] for r in rows])
    print(f"{key:<8} mean {vals.mean():10.4f}  std {vals.std(ddof=1):8.4f}")
