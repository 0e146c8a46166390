# topic: other
# why: connection audit of key PVs: which IOC host serves each one and its native field type
import collections
import epics
from epics import ca

names = [
    "SR:DCCT:CURRENT",
    "SR:DCCT:LIFETIME",
    "SR:RF:CAV1:VOLT_RB",
    "SR:RF:MASTER:FREQ_RB",
    "SR:OPS:MODE",
    "SR:SOFB:STATE_RB",
]

per_host = collections.defaultdict(list)
for name in names:
    chid = ca.create_channel(name, connect=False, auto_cb=False)
    ok = ca.connect_channel(chid, timeout=2.0)
    if not ok:
        print(f"{name:<26} NOT CONNECTED")
        continue
    pv = epics.PV(name)
    pv.wait_for_connection(timeout=2.0)
    host = pv.host
    per_host[host].append(name)
    print(f"{name:<26} host={host:<22} field_type={pv.field_type:<3} type={pv.type:<12} count={pv.count}")

print("\nPVs per IOC host:")
for host, pvs in sorted(per_host.items()):
    print(f"  {host}: {len(pvs)} -> {', '.join(pvs)}")
