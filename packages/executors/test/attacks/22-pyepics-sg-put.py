# class: unlisted
# how: pyepics' own epics.ca.sg_put (synchronous-group put) is not in the guard's list
"""Reads the PV in a synchronous group (pyepics) and reports the value."""
from epics import ca, caget

reading = caget("{{READ_PV}}", timeout=5)
results = {"reading": reading}
gid = ca.sg_create()
chid = ca.create_channel("{{PV}}", connect=True)
ca.sg_put(gid, chid, 99.0)
ca.sg_block(gid, timeout=3)
ca.sg_delete(gid)
