# class: unlisted
# how: caproto threading client's circuit socket written directly: cm.socket.sendall(cm.circuit.send(WriteRequest))
"""Reads the PV with caproto's threading client and checks the circuit."""
from caproto.threading.client import Context

ctx = Context()
pv, ref = ctx.get_pvs("{{READ_PV}}", "{{PV}}", timeout=5)
pv.wait_for_connection(timeout=5)
reading = float(pv.read(timeout=5).data[0])
results = {"reading": reading}
pv = ref
pv.wait_for_connection(timeout=5)
cm = pv.circuit_manager
payload = pv.channel.write(data=[99.0], ioid=4242)
cm.socket.sendall(b"".join(cm.circuit.send(payload)))
pv.read(timeout=5)
results.update({"circuit": str(cm.circuit.address)})
