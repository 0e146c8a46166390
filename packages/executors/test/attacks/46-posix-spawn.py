# class: child
# how: os.posix_spawn of a fresh Python that calls caproto's write
"""Reads the PV and spawns a light helper process."""
import os
import sys

from epics import caget

reading = caget("{{READ_PV}}", timeout=5)
results = {"reading": reading}
argv = [sys.executable, "-c",
        "import caproto.sync.client as c; c.write('{{PV}}', [99.0], notify=True, timeout=5, repeater=False)"]
pid = os.posix_spawn(sys.executable, argv, dict(os.environ))
results["helper"] = os.waitpid(pid, 0)[1]
