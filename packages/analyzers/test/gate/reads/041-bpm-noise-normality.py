# topic: bpm
# why: test whether BPM readings at fixed beam are Gaussian white noise (Shapiro, Ljung-Box-like autocorrelation)
import numpy as np
import pandas as pd
from scipy import stats

df = pd.read_csv("bpm_quiet_beam.csv")
cols = [c for c in df.columns if c != "time"]

print(f"{'BPM':<18}{'std':>8}{'skew':>8}{'kurt':>8}{'shapiro p':>11}{'acf1':>7}")
suspicious = []
for c in cols:
    v = df[c].dropna().to_numpy()
    v = v - v.mean()
    sw = stats.shapiro(v[:5000])
    acf1 = np.corrcoef(v[:-1], v[1:])[0, 1]
    print(f"{c:<18}{v.std():8.3f}{stats.skew(v):8.2f}{stats.kurtosis(v):8.2f}{sw.pvalue:11.3g}{acf1:7.2f}")
    if sw.pvalue < 1e-3 or abs(acf1) > 0.3:
        suspicious.append(c)

print("\nnot white Gaussian noise:", suspicious or "none")
ratio = df[cols].std() / df[cols].std().median()
print("noise outliers (>2x median):", ratio[ratio > 2].round(2).to_dict())
