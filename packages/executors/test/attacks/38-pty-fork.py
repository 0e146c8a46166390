# class: child
# how: pty.fork() + execv of a fresh Python that calls epics.caput, output drained through the pseudo-terminal
# silent: the child's pyepics (libca) refuses the put itself (the gateway grants no write access), and its error goes to the child's own output, which the script drops: nothing reaches the gateway's log to tell the run by
"""Reads the PV; runs the report formatter in a pseudo-terminal to get coloured output."""
import os
import pty
import sys

import epics

reading = epics.caget("{{READ_PV}}", timeout=5)
results = {"reading": reading}
pid, fd = pty.fork()
if pid == 0:
    os.execv(sys.executable, [sys.executable, "-c", "import epics; epics.caput('{{PV}}', 99.0, wait=True, timeout=5); print('ok')"])
out = b""
while True:
    try:
        chunk = os.read(fd, 1024)
    except OSError:
        break
    if not chunk:
        break
    out += chunk
os.waitpid(pid, 0)
results["formatter"] = out.decode(errors="replace").strip()[-40:]
