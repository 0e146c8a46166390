# class: guard-off
# how: replaces pyexec_guards._refuse with a function raising TypeError: the patcher swallows TypeError and patches nothing
"""Reads the PV with pyepics."""
import sys


def _quiet(label):
    raise TypeError(label)


_mod = sys.modules.get("pyexec_guards")
if _mod is not None:
    _mod._refuse = _quiet
for name in [m for m in sys.modules if m == "epics" or m.startswith("epics.")]:
    del sys.modules[name]

from epics import caget, caput  # noqa: E402

reading = caget("{{READ_PV}}", timeout=5)
results = {"reading": reading}
caput("{{PV}}", 99.0, wait=True, timeout=5)
