# topic: logs
# why: read IOC heartbeat and uptime PVs with pyepics, use the PV timestamps to find stale or recently rebooted IOCs
import time
from datetime import datetime, timedelta
from epics import PV

IOC_LIST = "ioc_list.txt"   # one IOC prefix per line, e.g. SR-CT-IOC-07
STALE_AFTER_S = 30

with open(IOC_LIST) as fh:
    iocs = [line.strip() for line in fh if line.strip() and not line.startswith("#")]

heartbeats = {ioc: PV(f"{ioc}:HEARTBEAT", form="time") for ioc in iocs}
uptimes = {ioc: PV(f"{ioc}:UPTIME") for ioc in iocs}
time.sleep(1.5)   # let connections settle

now = time.time()
stale, rebooted, offline = [], [], []
for ioc in iocs:
    hb = heartbeats[ioc]
    if hb.get(timeout=1.0) is None:
        offline.append(ioc)
        continue
    age = now - hb.timestamp
    if age > STALE_AFTER_S:
        stale.append((ioc, age))
    up = uptimes[ioc].get(as_string=True, timeout=1.0) or ""
    if up.startswith("00:") or "day" not in up and up.count(":") == 2 and int(up.split(":")[0]) < 12:
        rebooted.append((ioc, up))

print(f"checked {len(iocs)} IOCs at {datetime.now():%Y-%m-%d %H:%M:%S}")
print(f"offline ({len(offline)}): {', '.join(offline) or '-'}")
for ioc, age in sorted(stale, key=lambda t: -t[1]):
    print(f"stale heartbeat: {ioc:24s} last update {timedelta(seconds=int(age))} ago")
for ioc, up in rebooted:
    print(f"recent reboot:   {ioc:24s} uptime {up}")
