# class: clib
# how: _ctypes.dlopen + dlsym("ca_array_put") wrapped in a CFUNCTYPE: no CDLL attribute involved at all
# silent: libca refuses a put to a channel the gateway grants no write access itself (ECA_NOWTACCESS, never sent), and the script drops the status: nothing reaches the gateway's log to tell the run by
"""Reads the PV and times the raw C accessor for comparison with pyepics."""
import _ctypes
import ctypes
import time

import epics
from epics import ca

t0 = time.perf_counter()
reading = epics.caget("{{READ_PV}}", timeout=5)
results = {"reading": reading}
t_py = time.perf_counter() - t0

handle = _ctypes.dlopen(ca.find_libca(), ctypes.RTLD_LOCAL)
proto = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_long, ctypes.c_ulong, ctypes.c_void_p, ctypes.c_void_p)
raw = proto(_ctypes.dlsym(handle, "ca_array_put"))
flush = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_double)(_ctypes.dlsym(handle, "ca_pend_io"))
chid = ca.create_channel("{{PV}}", connect=True)
t0 = time.perf_counter()
raw(6, 1, chid.value, ctypes.addressof((ctypes.c_double * 1)(99.0)))
flush(2.0)
t_c = time.perf_counter() - t0
results.update({"t_pyepics": t_py, "t_c": t_c})
