# class: unlisted
# how: caproto.sync.client.send(chan.circuit, chan.write(...)) with a channel made by caproto's own helpers
"""Reads the PV with caproto and keeps the channel open for a second read."""
import caproto as ca
from caproto.sync.client import make_channel, read, recv, send

reading = float(read("{{READ_PV}}", timeout=5, repeater=False).data[0])
results = {"reading": reading}
sock = ca.bcast_socket()
sock.bind(("", 0))
sock.settimeout(5)
chan = make_channel("{{PV}}", sock, 0, 5)
send(chan.circuit, chan.write(data=(99.0,), notify=True), chan.name)
for _ in range(10):
    if any(isinstance(c, ca.WriteNotifyResponse) for c in recv(chan.circuit)):
        break
