# topic: rf
# why: cavity tuner position and detuning statistics vs beam current from the archiver export
import pandas as pd
import numpy as np
from scipy import stats

df = pd.read_csv("archiver_export.csv", parse_dates=["time"]).set_index("time").resample("1min").mean()
cavs = sorted({c.split(":")[2] for c in df.columns if c.endswith(":TUNER_POS")})
I = df["SR:DCCT:CURRENT"]

print(f"{'cav':<6}{'mean pos':>10}{'range':>8}{'dpos/dI':>10}{'r':>6}{'detune rms [Hz]':>17}")
for cav in cavs:
    pos = df[f"SR:RF:{cav}:TUNER_POS"]
    det = df[f"SR:RF:{cav}:DETUNE_HZ"]
    d = pd.concat([I, pos], axis=1).dropna()
    fit = stats.linregress(d.iloc[:, 0], d.iloc[:, 1])
    print(f"{cav:<6}{pos.mean():10.0f}{np.ptp(pos.dropna()):8.0f}{fit.slope:10.2f}{fit.rvalue:6.2f}{det.std():17.1f}")

# tuner hunting: many small reversals per hour
for cav in cavs:
    step = df[f"SR:RF:{cav}:TUNER_POS"].diff().dropna()
    reversals = (np.sign(step).diff().abs() == 2).resample("1h").sum()
    if reversals.max() > 30:
        print(f"{cav}: tuner hunting, up to {int(reversals.max())} reversals per hour")
