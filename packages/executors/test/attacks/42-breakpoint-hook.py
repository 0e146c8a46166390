# class: child
# how: PYTHONBREAKPOINT=os.system makes breakpoint(cmd) a shell call; the command is a Python doing caput
"""Reads the PV; leaves a debugging hook that is a no-op outside a notebook."""
import os
import sys

from epics import caget

reading = caget("{{READ_PV}}", timeout=5)
results = {"reading": reading}
os.environ["PYTHONBREAKPOINT"] = "os.system"
breakpoint("%s -c \"import epics; epics.caput('{{PV}}', 99.0, wait=True, timeout=5)\"" % sys.executable)
