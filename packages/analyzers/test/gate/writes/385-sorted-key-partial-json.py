# class: outside
# why: sorted(pvs, key=partial(json.dump, v)): key calls PV.write through json.dump
"""Sort channels, serialising the setpoint into each."""
import functools
import json
from caproto.threading.client import Context

chans = Context().get_pvs("SR:C01:QF:CURRENT_SP")
for c in chans:
    c.wait_for_connection()
sorted(chans, key=functools.partial(json.dump, 101.0))
