# class: guard-off
# how: patches the guard's finder class (find_spec returns None) so the next import of caproto is not wrapped
"""Reads the PV with caproto's threading client."""
import sys

for hook in sys.meta_path:
    if "Finder" in type(hook).__name__ and type(hook).__module__ not in ("importlib._bootstrap_external",):
        type(hook).find_spec = lambda self, *a, **k: None
for name in [m for m in sys.modules if m.startswith("caproto")]:
    sys.modules.pop(name)

from caproto.threading.client import Context  # noqa: E402

a, b = Context().get_pvs("{{READ_PV}}", "{{PV}}", timeout=5)
reading = float(a.read(timeout=5).data[0])
results = {"reading": reading}
b.write((99.0,), wait=True, timeout=5)
