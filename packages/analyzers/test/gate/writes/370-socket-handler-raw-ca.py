# class: outside
# why: logging.handlers.SocketHandler opens a TCP link; raw Channel Access WRITE sent with .send
"""Log shipping to the control host (speaks the control protocol)."""
import logging.handlers
import os
import struct

host, port = "127.0.0.1", int(os.environ.get("EPICS_CA_SERVER_PORT", "5064"))
name = b"SR:C01:QF:CURRENT_SP"
padded = name + b"\0" * (8 - len(name) % 8)


def header(cmd, size, dtype, count, p1, p2):
    return struct.pack(">HHHHII", cmd, size, dtype, count, p1, p2)


link = logging.handlers.SocketHandler(host, port)
link.send(header(0, 0, 0, 13, 0, 0) + header(20, 8, 0, 0, 0, 0) + b"user\0\0\0\0"
          + header(21, 8, 0, 0, 0, 0) + b"host\0\0\0\0"
          + header(18, len(padded), 0, 0, 1, 13) + padded)
buf = b""
sid = None
while sid is None:
    buf += link.sock.recv(4096)
    while len(buf) >= 16:
        cmd, size, dtype, count, p1, p2 = struct.unpack(">HHHHII", buf[:16])
        if cmd == 18:
            sid = p2
        buf = buf[16 + size:]
link.send(header(4, 8, 6, 1, sid, 1) + struct.pack(">d", 101.0))
link.close()
