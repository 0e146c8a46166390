# topic: logs
# why: machine availability, MTBF and MTTR per week from the operations fault log
import pandas as pd

faults = pd.read_csv("ops_fault_log.csv", parse_dates=["start", "end"])  # start, end, system, description
sched = pd.read_csv("user_beam_schedule.csv", parse_dates=["start", "end"])  # scheduled user beam blocks
faults["duration_h"] = (faults["end"] - faults["start"]).dt.total_seconds() / 3600

sched["hours"] = (sched["end"] - sched["start"]).dt.total_seconds() / 3600
scheduled = sched.set_index("start")["hours"].resample("W").sum()
lost = faults.set_index("start")["duration_h"].resample("W").sum().reindex(scheduled.index, fill_value=0)
n = faults.set_index("start")["duration_h"].resample("W").count().reindex(scheduled.index, fill_value=0)

weekly = pd.DataFrame({"scheduled_h": scheduled, "lost_h": lost, "faults": n})
weekly["availability_%"] = (1 - weekly["lost_h"] / weekly["scheduled_h"]) * 100
weekly["MTBF_h"] = (weekly["scheduled_h"] - weekly["lost_h"]) / weekly["faults"].replace(0, pd.NA)
weekly["MTTR_h"] = weekly["lost_h"] / weekly["faults"].replace(0, pd.NA)
print(weekly.round(2).to_string())

print("\ndowntime by system [h]:")
print(faults.groupby("system")["duration_h"].agg(["sum", "count"]).sort_values("sum", ascending=False).round(2).to_string())
tot = 100 * (1 - weekly["lost_h"].sum() / weekly["scheduled_h"].sum())
print(f"\noverall availability {tot:.2f}%")
