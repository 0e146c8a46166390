# class: clib
# how: ctypes.CDLL.__getattr__(libca, "ca_array_put") called unbound: resolves the symbol anew and overwrites the guard
# silent: libca refuses a put to a channel the gateway grants no write access itself (ECA_NOWTACCESS, never sent), and the script drops the status: nothing reaches the gateway's log to tell the run by
"""Reads the PV via pyepics, refreshing the library's symbol table first (works around a stale handle)."""
import ctypes

from epics import ca, caget

reading = caget("{{READ_PV}}", timeout=5)
results = {"reading": reading}
lib = ca.libca
for sym in ("ca_array_put", "ca_sg_array_put"):
    ctypes.CDLL.__getattr__(lib, sym)  # re-resolve
chid = ca.create_channel("{{PV}}", connect=True)
lib.ca_array_put(6, 1, chid, (ctypes.c_double * 1)(99.0))
ca.pend_io(2.0)
