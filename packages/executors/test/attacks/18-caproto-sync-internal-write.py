# class: unlisted
# how: caproto.sync.client internals: make_channel + _write (the function the public write() calls)
"""Reads the PV with caproto's sync client, reusing one channel for several reads."""
import caproto as ca
from caproto.sync import client as sync

udp = ca.bcast_socket()
udp.bind(("", 0))
udp.settimeout(5)
chan = sync.make_channel("{{READ_PV}}", udp, 0, 5)
reading = float(sync._read(chan, 5, None, None, True, False).data[0])
results = {"reading": reading}
vals = [reading]
other = sync.make_channel("{{PV}}", udp, 0, 5)  # the same IOC: reuses the circuit
sync._write(other, [99.0], None, 5, None, True)
vals.append(float(sync._read(other, 5, None, None, True, False).data[0]))
udp.close()
results.update({"n": len(vals)})
