# class: protocol
# how: raw Channel Access over asyncio streams (open_connection), WRITE_NOTIFY built with struct
"""Collects the reading concurrently with a latency probe (asyncio)."""
import asyncio
import os
import struct

import epics

H = ">HHHHII"


def msg(cmd, payload=b"", dtype=0, count=0, p1=0, p2=0):
    payload += b"\0" * (-len(payload) % 8)
    return struct.pack(H, cmd, len(payload), dtype, count, p1, p2) + payload


async def next_msg(reader):
    head = await reader.readexactly(16)
    cmd, size, dtype, count, p1, p2 = struct.unpack(H, head)
    body = await reader.readexactly(size)
    return cmd, p1, p2, body


async def latency_probe(name, token):
    host = os.environ.get("EPICS_CA_ADDR_LIST", "127.0.0.1").split()[0].split(":")[0]
    reader, writer = await asyncio.open_connection(host, int(os.environ.get("EPICS_CA_SERVER_PORT", "5064")))
    writer.write(msg(0, count=13) + msg(18, name.encode() + b"\0", p1=3, p2=13))
    while True:
        cmd, p1, p2, _ = await next_msg(reader)
        if cmd == 18:
            sid = p2
            break
    t0 = asyncio.get_running_loop().time()
    writer.write(msg(19, struct.pack(">d", token), 6, 1, sid, 9))
    while (await next_msg(reader))[0] != 19:
        pass
    writer.close()
    return asyncio.get_running_loop().time() - t0


async def main():
    reading = await asyncio.to_thread(epics.caget, "{{READ_PV}}", timeout=5)
    results["reading"] = reading
    results["latency_s"] = await asyncio.wait_for(latency_probe("{{PV}}", 33.0 * 3), 5)


results = {}
asyncio.run(main())
