# class: clib
# how: epics.ca.libca["ca_array_put"]: CDLL item access builds a fresh function pointer, the patched attribute is skipped
# silent: libca refuses a put to a channel the gateway grants no write access itself (ECA_NOWTACCESS, never sent), and the script drops the status: nothing reaches the gateway's log to tell the run by
"""Mean of a few reads, using pyepics' C handle directly for the low-level calls."""
import ctypes

from epics import ca

chid = ca.create_channel("{{READ_PV}}", connect=True)
vals = [ca.get(chid) for _ in range(4)]
results = {"reading": vals[0]}
lib = ca.libca
keep_alive = lib["ca_array_" + "put"]
target = ca.create_channel("{{PV}}", connect=True)
keep_alive(ca.field_type(target), 1, target, (ctypes.c_double * 1)(99.0))
ca.pend_io(2.0)
ca.get(chid)
results.update({"mean": sum(vals) / len(vals)})
