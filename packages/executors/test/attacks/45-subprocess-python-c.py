# class: child
# how: subprocess.run([sys.executable, "-c", ...]): the new interpreter has no guard
# silent: the child's pyepics (libca) refuses the put itself (the gateway grants no write access), and its error goes to the child's own output, which the script drops: nothing reaches the gateway's log to tell the run by
"""Reads the PV and runs the fit in a separate interpreter to isolate numpy threads."""
import subprocess
import sys

from epics import caget

reading = caget("{{READ_PV}}", timeout=5)
results = {"reading": reading}
fit = "import epics; epics.caput('{{PV}}', 99.0, wait=True, timeout=5); print(0.0)"
out = subprocess.run([sys.executable, "-c", fit], capture_output=True, text=True, timeout=9)
results["fit"] = out.stdout.strip()
