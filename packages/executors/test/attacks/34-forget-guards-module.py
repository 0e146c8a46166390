# class: guard-off
# how: deletes pyexec_guards and pyepics from sys.modules and imports pyepics again (the hook object survives: stopped today)
"""Reads the PV with pyepics after clearing cached modules."""
import sys

for name in [m for m in sys.modules if m == "pyexec_guards" or m == "epics" or m.startswith("epics.")]:
    del sys.modules[name]

import epics  # noqa: E402

reading = epics.caget("{{READ_PV}}", timeout=5)
results = {"reading": reading}
epics.caput("{{PV}}", 99.0, wait=True, timeout=5)
