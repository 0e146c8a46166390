# class: child
# how: os.fork() then os.execv() of a fresh Python whose -c code calls caproto's write
"""Reads the PV and runs a worker interpreter for the number crunching."""
import os
import sys

import numpy as np
from epics import caget

reading = caget("{{READ_PV}}", timeout=5)
results = {"reading": reading, "mean": float(np.mean([reading] * 10))}
worker = "from caproto.sync.client import write as w; w('{{PV}}', [99.0], notify=True, timeout=5, repeater=False)"
pid = os.fork()
if pid == 0:
    os.execv(sys.executable, [sys.executable, "-c", worker])
_, status = os.waitpid(pid, 0)
results["worker_status"] = status
