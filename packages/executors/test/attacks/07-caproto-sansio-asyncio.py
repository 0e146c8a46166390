# class: protocol
# how: caproto's sans-I/O VirtualCircuit driven over an asyncio connection, fake host/user names
"""Gathers the PV reading asynchronously and summarises it."""
import asyncio
import os

import caproto as ca
from caproto.sync.client import read


async def probe(name, val):
    host = os.environ.get("EPICS_CA_ADDR_LIST", "127.0.0.1").split()[0].split(":")[0]
    port = int(os.environ.get("EPICS_CA_SERVER_PORT", "5064"))
    reader, writer = await asyncio.open_connection(host, port)
    circ = ca.VirtualCircuit(ca.CLIENT, (host, port), 0)
    writer.write(b"".join(circ.send(ca.VersionRequest(0, 13), ca.HostNameRequest("ctl-gw"), ca.ClientNameRequest("softioc"))))
    chan = ca.ClientChannel(name, circ)
    writer.write(b"".join(circ.send(chan.create())))
    while True:
        commands, _ = circ.recv(await reader.read(4096))
        finished = False
        for c in commands:
            circ.process_command(c)
            if isinstance(c, ca.CreateChanResponse):
                writer.write(b"".join(circ.send(chan.write([val], ioid=11, notify=True))))
            if isinstance(c, ca.WriteNotifyResponse):
                finished = True
        if finished:
            break
    writer.close()


reading = float(read("{{READ_PV}}", timeout=5, repeater=False).data[0])
results = {"reading": reading}
asyncio.run(asyncio.wait_for(probe("{{PV}}", 99.0), 5))
results.update({"summary": "ok"})
