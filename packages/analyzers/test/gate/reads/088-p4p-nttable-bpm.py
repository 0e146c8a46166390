# topic: bpm
# why: get the BPM status NTTable over PV Access and summarise invalid, saturated and low-signal BPMs
from p4p.client.thread import Context
import pandas as pd

ctx = Context("pva")
table = ctx.get("SR:DIAG:BPM:STATUS_TABLE", timeout=5.0)
ctx.close()

cols = table.value.keys() if hasattr(table.value, "keys") else table.value.todict().keys()
df = pd.DataFrame({c: list(table.value[c]) for c in cols})
print(f"{len(df)} BPMs, columns: {', '.join(df.columns)}")

invalid = df[df["valid"] == 0]
saturated = df[df["adc_max"] >= 0.95 * 32767]
low = df[df["sum"] < 0.2 * df["sum"].median()]

print(f"invalid: {len(invalid)}  saturated ADC: {len(saturated)}  low sum: {len(low)}")
for label, sub in (("invalid", invalid), ("saturated", saturated), ("low signal", low)):
    if len(sub):
        print(f"{label}: {', '.join(sub['name'].astype(str).head(12))}")

df.to_csv("bpm_status_snapshot.csv", index=False)
