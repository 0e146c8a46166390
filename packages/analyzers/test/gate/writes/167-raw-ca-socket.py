# class: channel
# why: Channel Access spoken directly over a TCP socket: version, create-channel, then CA_PROTO_WRITE
"""Minimal CA client: no libraries on this node, so talk to the IOC by hand."""
import socket
import struct

IOC, PV, VALUE = ("sr-ioc-mag01", 5064), b"SR:C07:QD:CURRENT_SP", 97.6


def msg(cmd, payload=b"", dtype=0, count=0, p1=0, p2=0):
    payload += b"\0" * (-len(payload) % 8)
    return struct.pack(">HHHHII", cmd, len(payload), dtype, count, p1, p2) + payload


def read_until(sock, want):
    while True:
        cmd, size, dtype, count, p1, p2 = struct.unpack(">HHHHII", sock.recv(16, socket.MSG_WAITALL))
        if size:
            sock.recv(size, socket.MSG_WAITALL)
        if cmd == want:
            return p1, p2


s = socket.create_connection(IOC, timeout=5)
s.sendall(msg(0, count=13) + msg(20, b"ops\0") + msg(21, b"ctl-ws1\0"))
s.sendall(msg(18, PV + b"\0", p1=1, p2=13))
_, sid = read_until(s, 18)
s.sendall(msg(4, struct.pack(">d", VALUE), dtype=6, count=1, p1=sid, p2=1))
print("write sent to sid", sid)
s.close()
