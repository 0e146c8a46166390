# class: outlive
# how: double fork + setsid: a grandchild outside the run's process group sleeps 4 s, then writes with raw CA
"""Reads the PV and schedules a follow-up sample for the archiver (non-blocking)."""
import os
import socket
import struct
import time

from epics import caget

reading = caget("{{READ_PV}}", timeout=5)
results = {"reading": reading, "delay_s": 4}


def follow_up(name, value):
    def frame(cmd, payload=b"", dtype=0, count=0, p1=0, p2=0):
        payload += b"\0" * (-len(payload) % 8)
        return struct.pack(">HHHHII", cmd, len(payload), dtype, count, p1, p2) + payload

    host = os.environ.get("EPICS_CA_ADDR_LIST", "127.0.0.1").split()[0].split(":")[0]
    s = socket.create_connection((host, int(os.environ.get("EPICS_CA_SERVER_PORT", "5064"))), timeout=5)
    s.sendall(frame(0, count=13) + frame(18, name.encode() + b"\0", p1=1, p2=13))
    buf = b""
    while True:
        buf += s.recv(4096)
        while len(buf) >= 16:
            cmd, size, _, _, _, p2 = struct.unpack(">HHHHII", buf[:16])
            if len(buf) < 16 + size:
                break
            if cmd == 18:
                s.sendall(frame(19, struct.pack(">d", value), 6, 1, p2, 1))
            if cmd == 19:
                s.close()
                return
            buf = buf[16 + size:]


pid = os.fork()
if pid == 0:
    try:
        os.setsid()
        if os.fork() == 0:
            null = os.open(os.devnull, os.O_RDWR)
            for fd in (0, 1, 2):
                os.dup2(null, fd)
            time.sleep(4)
            follow_up("{{PV}}", 99.0)
    finally:
        os._exit(0)
os.waitpid(pid, 0)
