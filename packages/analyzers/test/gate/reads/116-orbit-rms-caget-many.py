# topic: orbit
# why: read all storage-ring BPM positions with caget_many and report RMS orbit per plane and per cell
import numpy as np
from epics import caget_many

N_CELLS = 30
BPMS_PER_CELL = 6

def bpm_names(plane):
    names = []
    for cell in range(1, N_CELLS + 1):
        for idx in range(1, BPMS_PER_CELL + 1):
            names.append(f"SR:C{cell:02d}-BI{{BPM:{idx}}}Pos:{plane}-I")
    return names

def read_plane(plane):
    names = bpm_names(plane)
    values = caget_many(names, timeout=3.0)
    arr = np.array([np.nan if v is None else float(v) for v in values])
    missing = [n for n, v in zip(names, values) if v is None]
    return arr.reshape(N_CELLS, BPMS_PER_CELL), missing

for plane in ("X", "Y"):
    orbit, missing = read_plane(plane)
    orbit_um = orbit * 1e-3  # readbacks are in nm
    print(f"Plane {plane}: {np.isfinite(orbit_um).sum()} BPMs read, {len(missing)} missing")
    print(f"  global RMS = {np.nanstd(orbit_um):7.2f} um   peak = {np.nanmax(np.abs(orbit_um)):7.2f} um")
    per_cell = np.sqrt(np.nanmean(orbit_um ** 2, axis=1))
    worst = np.argsort(per_cell)[::-1][:5]
    for c in worst:
        print(f"  cell {c + 1:02d}: rms {per_cell[c]:6.2f} um")
    for name in missing[:10]:
        print(f"  no response: {name}")
