# topic: other
# why: read undulator gaps and nearby BPM positions via ophyd EpicsSignalRO and tabulate orbit offsets per open/closed insertion device
from ophyd import EpicsSignalRO
import pandas as pd

IDS = {
    "ID03": ("SR:C03-ID:G1{IVU:1}Gap-RB", "SR:C03-BI{BPM:7}Pos:X-I", "SR:C03-BI{BPM:7}Pos:Y-I"),
    "ID05": ("SR:C05-ID:G1{IVU:1}Gap-RB", "SR:C05-BI{BPM:7}Pos:X-I", "SR:C05-BI{BPM:7}Pos:Y-I"),
    "ID10": ("SR:C10-ID:G1{IVU:1}Gap-RB", "SR:C10-BI{BPM:7}Pos:X-I", "SR:C10-BI{BPM:7}Pos:Y-I"),
    "ID12": ("SR:C12-ID:G1{EPU:1}Gap-RB", "SR:C12-BI{BPM:7}Pos:X-I", "SR:C12-BI{BPM:7}Pos:Y-I"),
    "ID23": ("SR:C23-ID:G1{EPU:1}Gap-RB", "SR:C23-BI{BPM:7}Pos:X-I", "SR:C23-BI{BPM:7}Pos:Y-I"),
}
OPEN_GAP_MM = 60.0

signals = {}
for idname, (gap_pv, x_pv, y_pv) in IDS.items():
    signals[idname] = {
        "gap": EpicsSignalRO(gap_pv, name=f"{idname}_gap"),
        "x": EpicsSignalRO(x_pv, name=f"{idname}_x"),
        "y": EpicsSignalRO(y_pv, name=f"{idname}_y"),
    }

rows = []
for idname, sigs in signals.items():
    row = {"id": idname}
    for key, sig in sigs.items():
        try:
            sig.wait_for_connection(timeout=3.0)
            row[key] = sig.get()
        except TimeoutError:
            row[key] = float("nan")
    rows.append(row)

df = pd.DataFrame(rows).set_index("id")
df[["x", "y"]] = df[["x", "y"]] / 1000.0     # nm -> um
df["state"] = df["gap"].apply(lambda g: "open" if g >= OPEN_GAP_MM else "closed")
print(df.round(3).to_string())
print(df.groupby("state")[["x", "y"]].agg(["mean", "std", "count"]).round(2))
