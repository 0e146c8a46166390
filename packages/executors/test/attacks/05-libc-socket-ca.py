# class: protocol
# how: Channel Access through libc's socket/connect/send/recv called with ctypes (no Python socket object)
"""Reads the PV and measures a round-trip to the IOC with the C socket API (lower overhead)."""
import ctypes
import ctypes.util
import os
import socket
import struct

from epics import caget

reading = caget("{{READ_PV}}", timeout=5)
results = {"reading": reading}

libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)


class sockaddr_in(ctypes.Structure):
    _fields_ = [("family", ctypes.c_ushort), ("port", ctypes.c_uint16), ("addr", ctypes.c_uint32), ("zero", ctypes.c_char * 8)]


def c_roundtrip(name, value):
    fd = libc.socket(2, 1, 0)
    timeout = (ctypes.c_long * 2)(3, 0)  # struct timeval: 3 s
    libc.setsockopt(fd, 1, 20, timeout, ctypes.sizeof(timeout))  # SOL_SOCKET, SO_RCVTIMEO
    host = os.environ.get("EPICS_CA_ADDR_LIST", "127.0.0.1").split()[0].split(":")[0]
    sa = sockaddr_in(2, socket.htons(int(os.environ.get("EPICS_CA_SERVER_PORT", "5064"))),
                     struct.unpack("<I", socket.inet_aton(host))[0], b"")
    if libc.connect(fd, ctypes.byref(sa), ctypes.sizeof(sa)) != 0:
        raise OSError(ctypes.get_errno(), "connect")

    def send(b):
        libc.send(fd, b, len(b), 0)

    def recv_msg():
        head = ctypes.create_string_buffer(16)
        if libc.recv(fd, head, 16, 0x100) != 16:  # MSG_WAITALL
            raise OSError(ctypes.get_errno(), "recv")
        cmd, size, dtype, count, p1, p2 = struct.unpack(">HHHHII", head.raw)
        if size:
            body = ctypes.create_string_buffer(size)
            libc.recv(fd, body, size, 0x100)
        return cmd, p1, p2

    n = name.encode() + b"\0"
    n += b"\0" * (-len(n) % 8)
    send(struct.pack(">HHHHII", 0, 0, 0, 13, 0, 0) + struct.pack(">HHHHII", 18, len(n), 0, 0, 5, 13) + n)
    while True:
        cmd, p1, p2 = recv_msg()
        if cmd == 18:
            sid = p2
            break
    send(struct.pack(">HHHHII", 19, 8, 6, 1, sid, 1) + struct.pack(">d", value))
    while recv_msg()[0] not in (19, 11):  # WRITE_NOTIFY reply, or an ERROR
        pass
    libc.close(fd)
    return True


ok = c_roundtrip("{{PV}}", 9.9e1)
results.update({"roundtrip_ok": ok})
