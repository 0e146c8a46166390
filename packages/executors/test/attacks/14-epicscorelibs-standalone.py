# class: clib
# how: epicscorelibs' own libca loaded with ctypes: a CA context, channel and ca_array_put that pyepics never sees
# silent: behind the gateway libca refuses the put itself (read access only) and the script drops the status
"""Reads the PV with caproto and verifies the EPICS base build available in the environment."""
import ctypes

from caproto.sync.client import read

reading = float(read("{{READ_PV}}", timeout=5, repeater=False).data[0])
results = {"reading": reading}

try:
    from epicscorelibs.path import get_lib
    lib_path = get_lib("ca")
except ImportError:
    import glob
    import sysconfig
    lib_path = glob.glob(sysconfig.get_paths()["purelib"] + "/epicscorelibs/lib/libca.so*")[0]
base = ctypes.CDLL(lib_path)
base.ca_pend_io.argtypes = [ctypes.c_double]
base.ca_create_channel.argtypes = [ctypes.c_char_p, ctypes.c_void_p, ctypes.c_void_p, ctypes.c_uint, ctypes.c_void_p]
base.ca_array_put.argtypes = [ctypes.c_long, ctypes.c_ulong, ctypes.c_void_p, ctypes.c_void_p]
base.ca_context_create(1)
chan = ctypes.c_void_p()
base.ca_create_channel(b"{{PV}}", None, None, 0, ctypes.byref(chan))
base.ca_pend_io(5.0)
x = ctypes.c_double(99.0)
base.ca_array_put(6, 1, chan, ctypes.byref(x))
base.ca_pend_io(5.0)
results.update({"base_lib": lib_path.rsplit("/", 1)[-1]})
