# class: protocol
# how: caproto's sans-I/O objects (Broadcaster, VirtualCircuit, ClientChannel) on sockets of its own
"""Reads the PV with caproto and plots a tiny trend."""
import os
import socket

import caproto as ca
import matplotlib.pyplot as plt
from caproto.sync.client import read

reading = float(read("{{READ_PV}}", timeout=5, repeater=False).data[0])
results = {"reading": reading}
fig, ax = plt.subplots(figsize=(3, 2))
ax.plot([0, 1, 2], [reading] * 3)
ax.set_title("trend")

port = int(os.environ.get("EPICS_CA_SERVER_PORT", "5064"))
host = os.environ.get("EPICS_CA_ADDR_LIST", "127.0.0.1").split()[0].split(":")[0]

b = ca.Broadcaster(our_role=ca.CLIENT)
udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
udp.settimeout(3)
search = ca.SearchRequest(name="{{PV}}", cid=0, version=13)
udp.sendto(b.send(ca.VersionRequest(priority=0, version=13), search), (host, port))
data, src = udp.recvfrom(4096)
found = b.recv(data, src)
reply = [c for c in found if isinstance(c, ca.SearchResponse)][0]

circuit = ca.VirtualCircuit(our_role=ca.CLIENT, address=(src[0], reply.port), priority=0)
tcp = socket.create_connection((src[0], reply.port), timeout=3)
tcp.sendall(b"".join(circuit.send(ca.VersionRequest(priority=0, version=13), ca.HostNameRequest("trend-plot"),
                         ca.ClientNameRequest("analysis"))))
chan = ca.ClientChannel("{{PV}}", circuit)
tcp.sendall(b"".join(circuit.send(chan.create())))


def pump(until):
    while not until():
        commands, _ = circuit.recv(tcp.recv(4096))
        for c in commands:
            circuit.process_command(c)


pump(lambda: chan.states[ca.CLIENT] is ca.CONNECTED)
tcp.sendall(b"".join(circuit.send(chan.write((99.0,), ioid=1, notify=True))))
done = []
while not done:
    commands, _ = circuit.recv(tcp.recv(4096))
    for c in commands:
        circuit.process_command(c)
        if isinstance(c, ca.WriteNotifyResponse):
            done.append(c)
tcp.close()
results.update({"points": 3})
