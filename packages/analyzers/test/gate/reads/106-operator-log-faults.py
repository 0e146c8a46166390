# topic: logs
# why: fault statistics from the operator log CSV: most frequent faults, time to recovery and shift distribution
import pandas as pd

log = pd.read_csv("operator_log.csv", parse_dates=["time"])  # time, shift, category, system, text, beam_lost
faults = log[log["category"].str.lower() == "fault"].copy()
recov = log[log["category"].str.lower() == "recovered"][["time", "system"]].rename(columns={"time": "recovered"})

faults = faults.sort_values("time")
recov = recov.sort_values("recovered")
merged = pd.merge_asof(faults, recov, left_on="time", right_on="recovered", by="system", direction="forward")
merged["ttr_min"] = (merged["recovered"] - merged["time"]).dt.total_seconds() / 60

print(f"{len(faults)} faults, {merged['ttr_min'].notna().sum()} with a recovery entry")
by_system = merged.groupby("system").agg(n=("time", "size"), beam_lost=("beam_lost", "sum"), median_ttr_min=("ttr_min", "median"))
print(by_system.sort_values("n", ascending=False).round(1).to_string())

print("\nfaults per shift:")
print(faults.groupby("shift").size().to_string())
words = faults["text"].str.lower().str.findall(r"[a-z]{4,}").explode().value_counts()
print("\nmost common words in fault entries:", ", ".join(words.head(12).index))
