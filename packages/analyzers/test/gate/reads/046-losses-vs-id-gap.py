# topic: losses
# why: correlate loss-monitor rates downstream of each insertion device with its gap from the archiver export
import pandas as pd
import numpy as np
import seaborn as sns
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt

df = pd.read_parquet("archiver_ids_blms.parquet").set_index("time").resample("1min").mean()
ids = sorted({c.split(":")[1] for c in df.columns if c.endswith(":GAP_RB")})

records = []
for idn in ids:
    gap = df[f"SR:{idn}:GAP_RB"]
    blm = df[f"SR:{idn}:BLM_DS:RATE"]
    d = pd.concat([gap, blm], axis=1).dropna()
    rho = d.corr(method="spearman").iloc[0, 1]
    closed = d[d.iloc[:, 0] < d.iloc[:, 0].quantile(0.1)].iloc[:, 1].mean()
    opened = d[d.iloc[:, 0] > d.iloc[:, 0].quantile(0.9)].iloc[:, 1].mean()
    records.append({"id": idn, "spearman": rho, "loss_closed": closed, "loss_open": opened, "ratio": closed / opened if opened else np.nan})

res = pd.DataFrame(records).sort_values("ratio", ascending=False)
print(res.round(3).to_string(index=False))

sns.scatterplot(data=res, x="spearman", y="ratio", hue="id")
plt.axhline(1, color="gray", lw=0.5)
plt.ylabel("loss rate ratio gap closed / open")
plt.savefig("id_gap_losses.png")
