# topic: orbit
# why: per-sector orbit offsets from monitored BPM PVs (reading pv.value) relative to the reference orbit file
import time
import numpy as np
import pandas as pd
from epics import PV

ref = pd.read_csv("reference_orbit.csv").set_index("bpm")  # bpm, sector, x_um, y_um
pvs_x = {b: PV(f"{b}:X", auto_monitor=True) for b in ref.index}
pvs_y = {b: PV(f"{b}:Y", auto_monitor=True) for b in ref.index}
time.sleep(2.0)  # let the monitors deliver their first values

rows = []
for b in ref.index:
    x, y = pvs_x[b].value, pvs_y[b].value
    if x is None or y is None:
        continue
    rows.append({"bpm": b, "sector": ref.at[b, "sector"], "dx": x - ref.at[b, "x_um"], "dy": y - ref.at[b, "y_um"]})

d = pd.DataFrame(rows)
summary = d.groupby("sector").agg(mean_dx=("dx", "mean"), rms_dx=("dx", lambda s: np.sqrt(np.mean(s ** 2))),
                                   mean_dy=("dy", "mean"), rms_dy=("dy", lambda s: np.sqrt(np.mean(s ** 2))))
print(summary.round(2).to_string())
print(f"\n{len(d)} of {len(ref)} BPMs read")
worst = summary["rms_dy"].idxmax()
print(f"largest vertical deviation in sector {worst}: {summary.at[worst, 'rms_dy']:.2f} um rms")
