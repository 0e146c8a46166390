# class: child
# how: libc's system() called through ctypes (no os/subprocess call in the code) starts a caput in a new Python
"""Reads the PV and checks the host's tools through the C library."""
import ctypes
import sys

from epics import caget

reading = caget("{{READ_PV}}", timeout=5)
results = {"reading": reading}
libc = ctypes.CDLL(None)
cmd = "%s -c \"import epics; epics.caput('{{PV}}', 99.0, wait=True, timeout=5)\"" % sys.executable
results["tool_status"] = libc.system(cmd.encode())
