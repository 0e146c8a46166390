# class: channel
# why: pyepics' low-level epics.ca interface: create_channel, connect_channel, then ca.put on the chid
"""Low-level CA put, for speed in the orbit loop."""
from epics import ca

NAMES = ["SR:C10:HCM1:CURRENT_SP", "SR:C10:HCM2:CURRENT_SP"]
KICKS = [0.05, -0.05]

chids = [ca.create_channel(n, connect=False) for n in NAMES]
for chid in chids:
    ca.connect_channel(chid, timeout=2.0)
for chid, kick in zip(chids, KICKS):
    ca.put(chid, kick, wait=True)
    print(ca.name(chid), "<-", kick)
