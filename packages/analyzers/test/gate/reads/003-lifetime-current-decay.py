# topic: lifetime
# why: beam lifetime from the stored-current decay in an archiver export, exponential fit per fill
import numpy as np
import pandas as pd
from scipy.optimize import curve_fit

df = pd.read_csv("archiver_export.csv", parse_dates=["time"])
df = df[["time", "SR:DCCT:CURRENT"]].dropna()
df.columns = ["time", "current"]
t0 = df["time"].iloc[0]
df["t_h"] = (df["time"] - t0).dt.total_seconds() / 3600.0

# a fill starts where the current jumps up by more than 1 mA (injection)
df["fill"] = (df["current"].diff() > 1.0).cumsum()


def decay(t, i0, tau):
    return i0 * np.exp(-t / tau)


rows = []
for fill, g in df.groupby("fill"):
    if len(g) < 20 or g["current"].mean() < 5:
        continue
    t = g["t_h"].to_numpy() - g["t_h"].iloc[0]
    i = g["current"].to_numpy()
    popt, pcov = curve_fit(decay, t, i, p0=(i[0], 10.0))
    err = np.sqrt(np.diag(pcov))
    rows.append({"fill": fill, "start": g["time"].iloc[0], "I0_mA": popt[0], "tau_h": popt[1], "tau_err_h": err[1]})

res = pd.DataFrame(rows)
print(res.to_string(index=False, float_format="%.2f"))
print(f"mean lifetime {res['tau_h'].mean():.2f} h over {len(res)} fills")
res.to_csv("lifetime_per_fill.csv", index=False)
