# topic: logs
# why: find chattering alarms (many transitions in short windows) in the alarm history CSV
import pandas as pd

log = pd.read_csv("alarm_history.csv", parse_dates=["time"])  # time, pv, severity, status
log = log.sort_values(["pv", "time"])
log["prev_sev"] = log.groupby("pv")["severity"].shift()
trans = log[log["severity"] != log["prev_sev"]].copy()

WINDOW = "10min"
counts = (
    trans.set_index("time")
    .groupby("pv")["severity"]
    .resample(WINDOW)
    .count()
    .rename("transitions")
    .reset_index()
)
chatter = counts[counts["transitions"] >= 6]
summary = chatter.groupby("pv").agg(windows=("transitions", "size"), max_in_window=("transitions", "max"), first=("time", "min"))
summary = summary.sort_values("windows", ascending=False)

print(f"{trans['pv'].nunique()} PVs changed severity, {len(trans)} transitions in total")
print(f"chattering PVs (>=6 transitions in {WINDOW}):")
print(summary.head(20).to_string())
print("\nsuggest deadband/delay review for:", ", ".join(summary.index[:5]))
summary.to_csv("chattering_alarms.csv")
