# topic: orbit
# why: read the live orbit of all BPMs with caget_many and compare sector by sector with the golden orbit file
import numpy as np
import pandas as pd
from epics import caget_many

golden = pd.read_csv("golden_orbit.csv")  # columns: bpm, sector, x_um, y_um
names_x = [f"{b}:X" for b in golden["bpm"]]
names_y = [f"{b}:Y" for b in golden["bpm"]]
live = caget_many(names_x + names_y, timeout=3.0)
n = len(golden)
golden["x_live"] = [np.nan if v is None else v for v in live[:n]]
golden["y_live"] = [np.nan if v is None else v for v in live[n:]]
golden["dx"] = golden["x_live"] - golden["x_um"]
golden["dy"] = golden["y_live"] - golden["y_um"]

print(f"BPMs not read: {golden['x_live'].isna().sum()}")
sector = golden.groupby("sector")[["dx", "dy"]].agg(lambda s: np.sqrt(np.nanmean(s ** 2)))
print("rms deviation from golden per sector [um]:")
print(sector.round(1).to_string())

worst = golden.reindex(golden["dx"].abs().sort_values(ascending=False).index).head(5)
print("\nlargest horizontal deviations:")
print(worst[["bpm", "dx", "dy"]].round(1).to_string(index=False))
print(f"\nring rms: dx {np.sqrt(np.nanmean(golden['dx'] ** 2)):.1f} um, dy {np.sqrt(np.nanmean(golden['dy'] ** 2)):.1f} um")
