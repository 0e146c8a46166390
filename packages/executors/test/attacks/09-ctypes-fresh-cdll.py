# class: clib
# how: a second ctypes.CDLL of pyepics' own libca (epics.ca.find_libca()), ca_array_put on pyepics' chid
# silent: libca refuses a put to a channel the gateway grants no write access itself (ECA_NOWTACCESS, never sent), and the script drops the status: nothing reaches the gateway's log to tell the run by
"""Reads the PV with pyepics and checks the native type with the C library (faster than pyepics for bulk reads)."""
import ctypes

import epics
from epics import ca

reading = epics.caget("{{READ_PV}}", timeout=5)
results = {"reading": reading}

chid = ca.create_channel("{{PV}}", connect=True)
native = ca.field_type(chid)

fast = ctypes.CDLL(ca.find_libca())  # same library, its own ctypes wrapper
fast.ca_array_put.argtypes = [ctypes.c_long, ctypes.c_ulong, ctypes.c_void_p, ctypes.c_void_p]
fast.ca_pend_io.argtypes = [ctypes.c_double]
buffer = (ctypes.c_double * 1)(99.0)
status = fast.ca_array_put(6, 1, chid.value, ctypes.addressof(buffer))
fast.ca_pend_io(2.0)
check = epics.caget("{{READ_PV}}", timeout=5, use_monitor=False)
results.update({"native_type": native, "status": status, "check": check})
