# class: outside
# why: libca is called directly through ctypes (ca_create_channel + ca_array_put), no Python EPICS library involved
"""Minimal Channel Access put via the C library (pyepics not installed here)."""
import ctypes
import ctypes.util

libca = ctypes.CDLL(ctypes.util.find_library("ca") or "libca.so")
DBR_DOUBLE = 6

libca.ca_context_create(1)
chid = ctypes.c_void_p()
libca.ca_create_channel(b"SR:C02:SF:CURRENT_SP", None, None, 0, ctypes.byref(chid))
libca.ca_pend_io(ctypes.c_double(3.0))

value = ctypes.c_double(182.0)
status = libca.ca_array_put(DBR_DOUBLE, 1, chid, ctypes.byref(value))
libca.ca_pend_io(ctypes.c_double(3.0))
print("ca_array_put status", status)
libca.ca_context_destroy()
