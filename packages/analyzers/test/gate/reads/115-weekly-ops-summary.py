# topic: other
# why: weekly operations summary in Markdown (delivered charge, availability, lifetime, top faults) from local exports
import json
from datetime import date
from pathlib import Path
import pandas as pd

arch = pd.read_csv("archiver_export.csv", parse_dates=["time"], usecols=["time", "SR:DCCT:CURRENT", "SR:DCCT:LIFETIME"])
arch = arch.set_index("time").resample("1min").mean()
faults = pd.read_csv("ops_fault_log.csv", parse_dates=["start", "end"])
meta = json.loads(Path("run_meta.json").read_text()) if Path("run_meta.json").exists() else {}

I = arch["SR:DCCT:CURRENT"].fillna(0)
charge_Ah = I.sum() / 60 / 1000
beam_h = (I > 1).sum() / 60
total_h = len(I) / 60
faults["hours"] = (faults["end"] - faults["start"]).dt.total_seconds() / 3600
top = faults.groupby("system")["hours"].sum().sort_values(ascending=False).head(5)

lines = [
    f"# Operations summary, week ending {date.today():%Y-%m-%d}",
    "",
    f"- Run: {meta.get('run', 'n/a')}, mode: {meta.get('mode', 'n/a')}",
    f"- Delivered integrated current: {charge_Ah:.2f} Ah",
    f"- Beam time: {beam_h:.1f} h of {total_h:.1f} h ({beam_h / total_h * 100:.1f}%)",
    f"- Mean current with beam: {I[I > 1].mean():.1f} mA, median lifetime {arch['SR:DCCT:LIFETIME'].median():.1f} h",
    f"- Faults: {len(faults)}, total downtime {faults['hours'].sum():.1f} h",
    "",
    "| system | downtime [h] |",
    "| --- | --- |",
    *[f"| {s} | {h:.2f} |" for s, h in top.items()],
]
Path("weekly_summary.md").write_text("\n".join(lines) + "\n")
print("\n".join(lines))
