# expect: import
# why: libca's ca_put through ctypes: no EPICS library call is written, only a foreign function
# tricky
import ctypes

libca = ctypes.CDLL("libca.so")
chid = ctypes.c_void_p()
libca.ca_create_channel(b"SR:C01:QF:CURRENT_SP", None, None, 0, ctypes.byref(chid))
libca.ca_pend_io(ctypes.c_double(2.0))
value = ctypes.c_double(12.5)
libca.ca_array_put(6, 1, chid, ctypes.byref(value))
libca.ca_pend_io(ctypes.c_double(2.0))
