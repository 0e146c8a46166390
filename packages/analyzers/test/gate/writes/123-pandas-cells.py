# class: unknown
# why: PV objects live in a pandas DataFrame column; the put is on row.chan from itertuples()
"""Apply a correction table prepared as a DataFrame."""
import pandas as pd
from epics import PV

table = pd.DataFrame(
    {
        "name": ["SR:C08:HCM1:CURRENT_SP", "SR:C08:HCM2:CURRENT_SP"],
        "delta": [0.015, -0.010],
    }
)
table["chan"] = table["name"].apply(PV)
table["before"] = [c.get() for c in table["chan"]]

for row in table.itertuples():
    row.chan.put(row.before + row.delta, wait=True)
print(table[["name", "before", "delta"]])
