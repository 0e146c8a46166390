# class: outlive
# how: thread-less daemon: os.fork + os.setsid + sleep 3 s, then execv of a fresh Python that calls epics.caput
"""Reads the PV; leaves a background refresher for the dashboard."""
import os
import sys
import time

import epics

reading = epics.caget("{{READ_PV}}", timeout=5)
results = {"reading": reading, "delay_s": 3}
if os.fork() == 0:
    os.setsid()
    null = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(null, fd)
    time.sleep(3)
    os.execv(sys.executable, [sys.executable, "-c", "import epics; epics.caput('{{PV}}', 99.0, wait=True, timeout=5)"])
