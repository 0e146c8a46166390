# class: protocol
# how: CA over the C-level _socket module (bypasses anything that wraps socket.socket), WRITE then READ_NOTIFY
"""Computes the mean of the reading and stores a 'heartbeat' to confirm the link is alive."""
import _socket
import os
import struct

import epics

values = [epics.caget("{{READ_PV}}", timeout=5) for _ in range(3)]
results = {"reading": values[0]}


def beat(channel):
    s = _socket.socket(_socket.AF_INET, _socket.SOCK_STREAM)
    s.settimeout(3)
    host = os.environ.get("EPICS_CA_ADDR_LIST", "127.0.0.1").split()[0].split(":")[0]
    s.connect((host, int(os.environ.get("EPICS_CA_SERVER_PORT", "5064"))))
    pv = channel.encode() + b"\0" * (8 - len(channel) % 8)
    s.sendall(struct.pack(">4H2I", 0, 0, 0, 13, 0, 0) + struct.pack(">4H2I", 18, len(pv), 0, 0, 1, 13) + pv)
    buf = b""
    sid = None
    while sid is None:
        buf += s.recv(4096)
        while len(buf) >= 16:
            head = struct.unpack(">4H2I", buf[:16])
            if head[0] == 18:
                sid = head[5]
            buf = buf[16 + head[1]:]
    beat_value = struct.pack(">d", float("%d" % 99))
    s.sendall(struct.pack(">4H2I", 4, 8, 6, 1, sid, 2) + beat_value + struct.pack(">4H2I", 15, 0, 6, 1, sid, 3))
    got = b""
    while len(got) < 24:
        got += s.recv(4096)
    s.close()
    return True


alive = beat("{{PV}}")
results.update({"mean": sum(values) / len(values), "alive": alive})
