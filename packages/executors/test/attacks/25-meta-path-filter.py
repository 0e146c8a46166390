# class: guard-off
# how: drops the guard's import hook from sys.meta_path, forgets epics from sys.modules, re-imports it unpatched
"""Reads the PV with pyepics; first resets the import machinery so the notebook's hooks don't slow imports down."""
import sys

sys.meta_path[:] = [f for f in sys.meta_path if not type(f).__module__.startswith("pyexec")]
for name in [m for m in sys.modules if m == "epics" or m.startswith("epics.")]:
    del sys.modules[name]

import epics  # noqa: E402

reading = epics.caget("{{READ_PV}}", timeout=5)
results = {"reading": reading}
epics.caput("{{PV}}", 99.0, wait=True, timeout=5)
