# topic: bpm
# why: wrap each BPM's PVs in a small reader class, average several reads and compare BPM electronics offsets to the stored reference values
import json
import time
import logging
from pathlib import Path
import numpy as np
import epics

logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
log = logging.getLogger("bpm-check")


class BPMReader:
    """Read-only access to a single BPM's position and diagnostic PVs."""

    def __init__(self, prefix):
        self.prefix = prefix
        self.x = epics.PV(f"{prefix}:SA:X")
        self.y = epics.PV(f"{prefix}:SA:Y")
        self.off_x = epics.PV(f"{prefix}:OffsetX-RB")
        self.off_y = epics.PV(f"{prefix}:OffsetY-RB")

    def connected(self, timeout=2.0):
        return all(pv.wait_for_connection(timeout) for pv in (self.x, self.y, self.off_x, self.off_y))

    def averaged_position(self, n=20, dt=0.1):
        xs, ys = [], []
        for _ in range(n):
            xs.append(self.x.get(timeout=1.0))
            ys.append(self.y.get(timeout=1.0))
            time.sleep(dt)
        return np.nanmean(np.array(xs, dtype=float)), np.nanmean(np.array(ys, dtype=float))

    def offsets(self):
        return self.off_x.get(timeout=1.0), self.off_y.get(timeout=1.0)


reference = json.loads(Path("bpm_offsets_reference.json").read_text())
readers = [BPMReader(p) for p in reference]
for bpm in readers:
    if not bpm.connected():
        log.warning("%s not connected, skipped", bpm.prefix)
        continue
    ox, oy = bpm.offsets()
    rx, ry = reference[bpm.prefix]["offset_x"], reference[bpm.prefix]["offset_y"]
    x, y = bpm.averaged_position()
    if abs(ox - rx) > 1.0 or abs(oy - ry) > 1.0:
        log.warning("%s offsets changed: x %.3f -> %.3f, y %.3f -> %.3f um", bpm.prefix, rx, ox, ry, oy)
    log.info("%s pos x=%.2f y=%.2f um", bpm.prefix, x, y)
