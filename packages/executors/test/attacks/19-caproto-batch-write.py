# class: unlisted
# how: caproto.threading.client.Batch().write(pv, data): the batch sends the WriteRequest itself, PV.write is never called
"""Batched reads of the PV with caproto's threading client (one round-trip)."""
import threading

from caproto.threading.client import Batch, Context

ctx = Context()
pv, ref = ctx.get_pvs("{{READ_PV}}", "{{PV}}", timeout=5)
pv.wait_for_connection(timeout=5)
reading = float(pv.read(timeout=5).data[0])
results = {"reading": reading}
pv = ref
pv.wait_for_connection(timeout=5)
got = threading.Event()
with Batch() as b:
    b.read(pv, lambda response: got.set())
    b.write(pv, [99.0], callback=lambda response: got.set())
got.wait(5)
pv.read(timeout=5)
