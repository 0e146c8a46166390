# topic: archiver
# why: compare the distribution of key channels before and after last week's intervention with KS and Mann-Whitney tests
import pandas as pd
from scipy import stats

INTERVENTION = pd.Timestamp("2024-05-14 08:00")
df = pd.read_csv("archiver_export.csv", parse_dates=["time"]).set_index("time").resample("1min").mean()
before = df.loc[INTERVENTION - pd.Timedelta(days=5): INTERVENTION - pd.Timedelta(hours=1)]
after = df.loc[INTERVENTION + pd.Timedelta(hours=6): INTERVENTION + pd.Timedelta(days=5)]

channels = ["SR:DCCT:LIFETIME", "SR:PINHOLE:SIGMA_Y", "SR:SOFB:RMS_X", "SR:SOFB:RMS_Y", "SR:TUNE:QX", "SR:TUNE:QY"]
rows = []
for ch in channels:
    a, b = before[ch].dropna(), after[ch].dropna()
    if len(a) < 50 or len(b) < 50:
        continue
    ks = stats.ks_2samp(a, b)
    mw = stats.mannwhitneyu(a, b)
    rows.append({"channel": ch, "median_before": a.median(), "median_after": b.median(),
                 "change_%": (b.median() - a.median()) / abs(a.median()) * 100, "ks_p": ks.pvalue, "mw_p": mw.pvalue})

res = pd.DataFrame(rows)
print(res.to_string(index=False, float_format=lambda v: f"{v:.4g}"))
sig = res[(res["ks_p"] < 1e-3) & (res["change_%"].abs() > 1)]
print("\nsignificant changes:", ", ".join(sig["channel"]) or "none")
