# topic: other
# why: correlation matrix heatmap of key machine parameters from the archiver export to spot coupled drifts
import pandas as pd
import seaborn as sns
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt

cols = {
    "SR:DCCT:CURRENT": "current",
    "SR:DCCT:LIFETIME": "lifetime",
    "SR:TUNE:QX": "Qx",
    "SR:TUNE:QY": "Qy",
    "SR:RF:MASTER:FREQ_RB": "f_RF",
    "SR:PINHOLE:SIGMA_Y": "sigma_y",
    "SR:TUNNEL:TEMP_AVG": "T_tunnel",
    "SR:SOFB:RMS_X": "orbit_rms_x",
}
df = pd.read_csv("archiver_export.csv", parse_dates=["time"], usecols=["time", *cols]).set_index("time")
df = df.rename(columns=cols).resample("15min").mean().interpolate(limit=4).dropna()
print(f"{len(df)} 15-min samples from {df.index[0]} to {df.index[-1]}")

corr = df.corr(method="pearson")
pairs = corr.where(~pd.DataFrame(
    [[i >= j for j in range(len(corr))] for i in range(len(corr))], index=corr.index, columns=corr.columns
)).stack().sort_values(key=abs, ascending=False)
print("strongest correlations:")
print(pairs.head(8).round(3).to_string())

plt.figure(figsize=(7, 6))
sns.heatmap(corr, annot=True, fmt=".2f", cmap="RdBu_r", vmin=-1, vmax=1, square=True)
plt.title("Machine parameter correlations")
plt.tight_layout()
plt.savefig("figures/correlation_heatmap.png", dpi=110)
