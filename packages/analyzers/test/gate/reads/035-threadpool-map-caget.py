# topic: vacuum
# why: read all cold-cathode gauges in parallel with a thread pool over caget and build a sector table
from concurrent.futures import ThreadPoolExecutor
import pandas as pd
from epics import caget

names = [f"SR:S{s:02d}:VAC:CCG{g}:P" for s in range(1, 25) for g in (1, 2, 3)]

with ThreadPoolExecutor(max_workers=12) as pool:
    values = list(pool.map(caget, names))

df = pd.DataFrame({"pv": names, "p_mbar": values})
df["sector"] = df["pv"].str.extract(r"SR:S(\d\d)").astype(int)
df["gauge"] = df["pv"].str.extract(r"CCG(\d)").astype(int)
table = df.pivot(index="sector", columns="gauge", values="p_mbar")

pd.set_option("display.float_format", "{:.2e}".format)
print(table.to_string())
print(f"\nunreadable gauges: {df['p_mbar'].isna().sum()}")
print("sectors with any gauge above 1e-8 mbar:", table[(table > 1e-8).any(axis=1)].index.tolist())
table.to_csv("vacuum_sector_table.csv")
