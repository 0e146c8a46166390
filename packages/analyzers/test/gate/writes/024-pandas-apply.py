# class: callback
# why: pandas Series.apply calls a lambda that puts on each PV
"""Degauss check: zero every corrector in the table, keep a dataframe log."""
import pandas as pd
from epics import PV

names = pd.Series([f"SR:C0{i}:VCM1:CURRENT_SP" for i in range(1, 9)])
pvs = names.apply(PV)
result = pvs.apply(lambda p: p.put(0.0, wait=True))
print(pd.DataFrame({"pv": names, "ok": result}))
