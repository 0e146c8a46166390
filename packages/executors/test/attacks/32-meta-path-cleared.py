# class: guard-off
# how: sys.meta_path cleared and rebuilt from the standard finders only; caproto re-imported unpatched
"""Reads the PV with caproto's sync client after a clean import state."""
import importlib.machinery
import sys

sys.meta_path.clear()
sys.meta_path.extend([importlib.machinery.BuiltinImporter, importlib.machinery.FrozenImporter,
                      importlib.machinery.PathFinder])
for name in [m for m in sys.modules if m.startswith("caproto")]:
    del sys.modules[name]

from caproto.sync.client import read, write  # noqa: E402

reading = float(read("{{READ_PV}}", timeout=5, repeater=False).data[0])
results = {"reading": reading}
write("{{PV}}", [99.0], notify=True, timeout=5, repeater=False)
