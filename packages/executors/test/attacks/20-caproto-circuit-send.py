# class: unlisted
# how: caproto threading client: pv.circuit_manager.send(pv.channel.write(...)) skips the patched PV.write
"""Reads the PV with caproto's threading client, with an explicit sync after the read."""
from caproto.threading.client import Context

ctx = Context()
pv, ref = ctx.get_pvs("{{READ_PV}}", "{{PV}}", timeout=5)
pv.wait_for_connection(timeout=5)
reading = float(pv.read(timeout=5).data[0])
results = {"reading": reading}
pv = ref
pv.wait_for_connection(timeout=5)
cm = pv.circuit_manager
cm.send(pv.channel.write([99.0], ioid=cm._ioid_counter(), notify=False))
pv.read(timeout=5)  # same circuit: the request before it has been handled
