# topic: losses
# why: integrated beam-loss-monitor counts around the ring during the last fill, as a loss map
import pandas as pd
import seaborn as sns
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt

blm = pd.read_csv("blm_fill_8812.csv")
layout = pd.read_csv("blm_positions.csv")  # columns: name, s_m, sector

integrated = blm.drop(columns=["time"]).sum().rename("counts").reset_index().rename(columns={"index": "name"})
m = integrated.merge(layout, on="name", how="left")
m = m.sort_values("s_m")
total = m["counts"].sum()
m["fraction"] = m["counts"] / total

print("top 10 loss locations:")
print(m.nlargest(10, "counts")[["name", "sector", "s_m", "counts", "fraction"]].to_string(index=False))
by_sector = m.groupby("sector")["fraction"].sum().sort_values(ascending=False)
print("\nloss share by sector:")
print((by_sector * 100).round(1).to_string())

sns.set_theme(style="whitegrid")
fig, ax = plt.subplots(figsize=(12, 4))
sns.barplot(data=m, x="name", y="counts", hue="sector", dodge=False, ax=ax, legend=False)
ax.set_yscale("log")
ax.set_xticklabels([])
ax.set_xlabel("BLM (ordered by s)")
ax.set_ylabel("integrated counts")
fig.tight_layout()
fig.savefig("figures/loss_map_fill8812.png")
