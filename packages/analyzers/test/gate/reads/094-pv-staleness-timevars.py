# topic: other
# why: detect stale readbacks: compare each PV's record timestamp with the current time using get_with_metadata
import time
from datetime import datetime
from epics import PV

names = [
    "SR:DCCT:CURRENT", "SR:TUNE:QX", "SR:TUNE:QY", "SR:PINHOLE:SIGMA_Y",
    "SR:RF:MASTER:FREQ_RB", "SR:VAC:AVG:P", "SR:SOFB:RMS_X", "SR:TUNNEL:TEMP_AVG",
]
MAX_AGE = {"SR:TUNNEL:TEMP_AVG": 600.0}

now = time.time()
stale = []
print(f"{'PV':<24}{'value':>14}{'age [s]':>10}  sev")
for name in names:
    pv = PV(name, form="time")
    md = pv.get_with_metadata(timeout=2.0)
    if md is None:
        print(f"{name:<24}{'n/c':>14}")
        stale.append(name)
        continue
    age = now - md["timestamp"]
    print(f"{name:<24}{md['value']:14.6g}{age:10.1f}  {md.get('severity', '?')}")
    if age > MAX_AGE.get(name, 60.0):
        stale.append(name)

print(f"\nchecked at {datetime.fromtimestamp(now):%H:%M:%S}; stale or missing: {', '.join(stale) or 'none'}")
