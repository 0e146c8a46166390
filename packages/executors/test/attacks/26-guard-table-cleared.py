# class: guard-off
# how: empties pyexec_guards._WRITES (the table the import hook reads) before importing caproto, then PV.write
"""Reads the PV with caproto's threading client."""
import sys

_site = sys.modules.get("pyexec_guards")
if _site is not None:
    getattr(_site, "_WRITES", {}).clear()
    _site._guard_libca = lambda module: None
for name in [m for m in sys.modules if m.startswith("caproto")]:
    del sys.modules[name]

from caproto.threading.client import Context  # noqa: E402

pv, out = Context().get_pvs("{{READ_PV}}", "{{PV}}", timeout=5)
reading = float(pv.read(timeout=5).data[0])
results = {"reading": reading}
out.write([99.0], wait=True, timeout=5)
