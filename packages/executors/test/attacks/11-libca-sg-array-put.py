# class: clib
# how: libca.ca_sg_array_put (synchronous group put) called on pyepics' libca: not among the patched names
# silent: libca refuses a put to a channel the gateway grants no write access itself (ECA_NOWTACCESS, never sent), and the script drops the status: nothing reaches the gateway's log to tell the run by
"""Reads a synchronous group of PVs (one here) and reports the group status."""
import ctypes

import epics
from epics import ca

reading = epics.caget("{{READ_PV}}", timeout=5)
results = {"reading": reading}
chid = ca.create_channel("{{PV}}", connect=True)
lib = ca.libca
gid = ctypes.c_ulong()
lib.ca_sg_create(ctypes.byref(gid))
lib.ca_sg_array_put(gid, 6, 1, chid, (ctypes.c_double * 1)(99.0))
lib.ca_sg_block(gid, ctypes.c_double(3.0))
lib.ca_sg_delete(gid)
results.update({"group": int(gid.value)})
