# topic: vacuum
# why: dynamic pressure rise dP/dI per sector from archived pressure and beam current (photon-stimulated desorption)
import numpy as np
import pandas as pd
from scipy import stats

df = pd.read_csv("archiver_export.csv", parse_dates=["time"]).set_index("time").resample("5min").mean()
current = df["SR:DCCT:CURRENT"]
gauges = [c for c in df.columns if ":VAC:" in c and c.endswith(":P")]

rows = []
for g in gauges:
    d = pd.concat([current, df[g]], axis=1).dropna()
    d = d[d.iloc[:, 0] > 5]
    if len(d) < 30:
        continue
    fit = stats.linregress(d.iloc[:, 0], d.iloc[:, 1])
    rows.append({"gauge": g, "base_mbar": fit.intercept, "dPdI_mbar_per_mA": fit.slope, "r": fit.rvalue, "n": len(d)})

res = pd.DataFrame(rows).sort_values("dPdI_mbar_per_mA", ascending=False)
pd.set_option("display.float_format", "{:.3g}".format)
print(res.to_string(index=False))
print(f"\nmedian dP/dI {res['dPdI_mbar_per_mA'].median():.2e} mbar/mA")
hot = res[res["dPdI_mbar_per_mA"] > 5 * res["dPdI_mbar_per_mA"].median()]
print("sectors with unusually high dynamic pressure:", hot["gauge"].tolist())
res.to_csv("dynamic_pressure.csv", index=False)
