# topic: magnets
# why: compare live magnet coil temperatures with last week's archived average and flag unusual warming
import pandas as pd
import epics

arch = pd.read_csv("magnet_temps_week.csv", parse_dates=["time"]).set_index("time")
coil = [c for c in arch.columns if c.endswith(":COIL:T")]
ref = arch[coil].mean()
spread = arch[coil].std()

live = epics.caget_many(coil, timeout=3.0)
now = pd.Series(live, index=coil, dtype=float)
delta = now - ref
z = delta / spread.replace(0, float("nan"))

table = pd.DataFrame({"week_mean": ref, "now": now, "delta": delta, "z": z}).sort_values("z", ascending=False)
print(table.head(15).round(2).to_string())
print(f"\nno reading: {now.isna().sum()}")
warm = table[(table["delta"] > 2.0) & (table["z"] > 3)]
print("warming by more than 2 degC and 3 sigma:", warm.index.tolist() or "none")
table.to_csv("magnet_temperature_check.csv")
