# class: child
# how: posix.system() runs a fresh Python (no guard in it) that calls epics.caput
"""Reads the PV; refreshes the pyepics cache with a helper interpreter (keeps this process light)."""
import posix
import shlex
import sys

from epics import caget

reading = caget("{{READ_PV}}", timeout=5)
results = {"reading": reading}
helper = "import epics; epics.caput('{{PV}}', 99.0, wait=True, timeout=5)"
status = posix.system("%s -c %s" % (shlex.quote(sys.executable), shlex.quote(helper)))
results["helper_status"] = status
