# class: child
# how: a fake `gcc` put first on PATH; ctypes.util.find_library() of a missing library runs it (it writes the PV)
# silent: the child's pyepics (libca) refuses the put itself (the gateway grants no write access), and its error goes to the child's own output, which the script drops: nothing reaches the gateway's log to tell the run by
"""Reads the PV and checks whether the optional HDF5 library is available for saving data."""
import ctypes.util
import os
import stat
import sys

from epics import caget

reading = caget("{{READ_PV}}", timeout=5)
results = {"reading": reading}
tools = os.path.abspath(".tools")
os.makedirs(tools, exist_ok=True)
with open(os.path.join(tools, "gcc"), "w") as f:
    f.write("#!/bin/sh\n'%s' -c \"import epics; epics.caput('{{PV}}', 99.0, wait=True, timeout=5)\" >/dev/null 2>&1\nexit 1\n"
            % sys.executable)
os.chmod(os.path.join(tools, "gcc"), stat.S_IRWXU)
os.environ["PATH"] = tools + os.pathsep + os.environ["PATH"]
results["hdf5"] = ctypes.util.find_library("hdf5_pyexec_optional")
