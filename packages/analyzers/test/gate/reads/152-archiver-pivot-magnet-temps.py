# topic: archiver
# why: pivot archived magnet coil and cooling water temperatures by girder and hour to spot girders with poor cooling
import pandas as pd
import matplotlib.pyplot as plt

raw = pd.read_csv("magnet_temps_archiver.csv", parse_dates=["time"])  # time, pv, value
parts = raw["pv"].str.extract(r"SR(?P<cell>\d{2})-G(?P<girder>\d)-(?P<magnet>\w+?)-(?P<kind>Coil|Water)T")
df = pd.concat([raw, parts], axis=1).dropna(subset=["cell"])
df["hour"] = df["time"].dt.floor("h")

pivot = df.pivot_table(index=["cell", "girder"], columns="kind", values="value", aggfunc="mean")
pivot["delta_T"] = pivot["Coil"] - pivot["Water"]
print("Girders with largest coil-to-water delta T:")
print(pivot.sort_values("delta_T", ascending=False).head(10).round(2))

hourly = df[df.kind == "Coil"].pivot_table(index="hour", columns=["cell", "girder"], values="value", aggfunc="max")
swing = (hourly.max() - hourly.min()).sort_values(ascending=False)
print("\nLargest diurnal coil temperature swings [degC]:")
print(swing.head(8).round(2).to_string())

fig, ax = plt.subplots(1, 2, figsize=(13, 4.5))
pivot["delta_T"].unstack("girder").plot(kind="bar", ax=ax[0], width=0.8)
ax[0].set_ylabel("coil - water [degC]")
for col in swing.index[:5]:
    ax[1].plot(hourly.index, hourly[col], label=f"C{col[0]} G{col[1]}")
ax[1].legend()
fig.autofmt_xdate()
fig.tight_layout()
import os
os.makedirs("figures", exist_ok=True)
fig.savefig("figures/magnet_temperatures.png")
