"""Forwards TCP and UDP from listeners inside a network namespace to addresses in the relay's own namespace.

A run that lives in a network namespace of its own reaches nothing but these listeners; each forwards to one
address outside (the read-only gateways). Standard library only; needs CAP_SYS_ADMIN.

    python pyexec_netns_relay.py (--netns PATH | --new-netns)
        [--tcp 127.0.0.1:PORT=HOST:PORT ...] [--udp 127.0.0.1:PORT=HOST:PORT ...]
        [--pva-udp 127.0.0.1:PORT=HOST:PORT ...]

--netns PATH enters an existing namespace (e.g. /proc/PID/ns/net of a container's process) only to create
the listeners. --new-netns creates a namespace with nothing but `lo` (up), keeps it alive while the relay
runs and prints `netns /proc/<pid>/fd/<fd>`, a path for `nsenter --net=...`. Then prints `ready`; exits at
end-of-file on stdin or on SIGTERM.

--pva-udp is --udp for PV Access searches. A PVA server answers a search at the port the search names, not
at the port it came from (pvxs); the relay names its own outside port there, so the answer comes back to it.
"""
import argparse
import asyncio
import ctypes
import errno
import fcntl
import os
import signal
import socket
import struct
import sys
import threading
import time

CLONE_NEWNET = 0x40000000
SIOCGIFFLAGS = 0x8913
SIOCSIFFLAGS = 0x8914
IFF_UP = 0x1
UDP_IDLE_S = 60.0  # a client address's UDP mapping is dropped after this long without traffic
UDP_MAX_MAPPINGS = 256  # beyond this, the least recently used mapping makes room
MAX_DATAGRAM = 65535
PVA_MAGIC = 0xCA
PVA_FLAG_CONTROL = 0x01
PVA_FLAG_BIG_ENDIAN = 0x80
PVA_CMD_SEARCH = 3
# Search payload: sequence id (4), flags (1), reserved (3), response address (16), response port (2), ...
PVA_RESPONSE_ADDRESS = slice(8, 24)
PVA_RESPONSE_PORT = 24

libc = ctypes.CDLL(None, use_errno=True)


def check(result, what):
    if result != 0:
        code = ctypes.get_errno()
        raise OSError(code, f"{what}: {os.strerror(code)}")


def setns(fd):
    check(libc.setns(fd, CLONE_NEWNET), "setns")


def unshare_network():
    check(libc.unshare(CLONE_NEWNET), "unshare(CLONE_NEWNET)")


def bring_up_loopback():
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        request = struct.pack("16sH22x", b"lo", 0)  # struct ifreq: name, flags, rest of the union
        flags = struct.unpack("16sH22x", fcntl.ioctl(sock, SIOCGIFFLAGS, request))[1]
        fcntl.ioctl(sock, SIOCSIFFLAGS, struct.pack("16sH22x", b"lo", flags | IFF_UP))


def address(text):
    host, _, port = text.rpartition(":")
    if not host or not port.isdigit():
        raise argparse.ArgumentTypeError(f"expected HOST:PORT, got {text!r}")
    return host, int(port)


def forward(text):
    inside, sep, outside = text.partition("=")
    if not sep:
        raise argparse.ArgumentTypeError(f"expected INSIDE_HOST:PORT=TARGET_HOST:PORT, got {text!r}")
    return address(inside), address(outside)


def answer_pva_searches_at(datagram, port):
    """The datagram with every PVA search in it asking for its answer at `port` of the sender's address."""
    data = bytearray(datagram)
    at = 0
    while at + 8 <= len(data) and data[at] == PVA_MAGIC:
        flags, command = data[at + 2], data[at + 3]
        order = ">" if flags & PVA_FLAG_BIG_ENDIAN else "<"
        (size,) = struct.unpack_from(order + "I", data, at + 4)
        body = at + 8
        if not flags & PVA_FLAG_CONTROL and command == PVA_CMD_SEARCH and size >= PVA_RESPONSE_PORT + 2:
            data[body + PVA_RESPONSE_ADDRESS.start:body + PVA_RESPONSE_ADDRESS.stop] = bytes(16)  # any: the sender
            struct.pack_into(order + "H", data, body + PVA_RESPONSE_PORT, port)
        at = body + size
    return bytes(data)


def listeners(tcp_forwards, udp_forwards):
    """Sockets bound in the calling thread's current network namespace."""
    tcp, udp = [], []
    for inside, target in tcp_forwards:
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.bind(inside)
        sock.listen(128)
        sock.setblocking(False)
        tcp.append((sock, target))
    for inside, target, pva in udp_forwards:
        sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        # Without SO_REUSEADDR no code in the namespace can bind this port too and take the searches of other runs.
        # A PVA client binds the broadcast port itself (for beacons), so that one must share it.
        if pva:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(inside)
        sock.setblocking(False)
        udp.append((sock, target, pva))
    return tcp, udp


async def pump(reader, writer):
    try:
        while data := await reader.read(65536):
            writer.write(data)
            await writer.drain()
        if writer.can_write_eof():
            writer.write_eof()
    except (ConnectionError, OSError):
        writer.close()


async def relay_tcp(listener, target):
    async def connected(inner_reader, inner_writer):
        try:
            outer_reader, outer_writer = await asyncio.open_connection(*target)
        except OSError as error:
            print(f"pyexec-netns-relay: {target[0]}:{target[1]} refused: {error}", file=sys.stderr, flush=True)
            inner_writer.close()
            return
        try:
            await asyncio.gather(pump(inner_reader, outer_writer), pump(outer_reader, inner_writer))
        except asyncio.CancelledError:
            pass  # the relay is stopping; a connection task that ends cancelled makes asyncio print a traceback
        finally:
            inner_writer.close()
            outer_writer.close()

    return await asyncio.start_server(connected, sock=listener)


class UdpRelay:
    """One outside socket per client address, so replies find their way back to the client that asked."""

    def __init__(self, listener, target, pva):
        self.listener = listener
        self.target = target
        self.pva = pva
        self.mappings = {}  # client address -> [outside socket, last use]
        self.loop = asyncio.get_running_loop()
        self.loop.add_reader(listener, self._from_inside)

    def _from_inside(self):
        try:
            data, client = self.listener.recvfrom(MAX_DATAGRAM)
        except (BlockingIOError, InterruptedError):
            return
        except OSError:
            return  # e.g. an ICMP error queued on the socket
        mapping = self.mappings.get(client) or self._map(client)
        mapping[1] = time.monotonic()
        if self.pva:
            data = answer_pva_searches_at(data, mapping[0].getsockname()[1])
        try:
            mapping[0].send(data)
        except OSError:
            pass  # nobody listens at the target now: as for any lost datagram

    def _map(self, client):
        if len(self.mappings) >= UDP_MAX_MAPPINGS:
            self._drop(min(self.mappings, key=lambda c: self.mappings[c][1]))
        # Created in the relay's own namespace: the thread is back there once the listeners exist.
        outside = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        outside.setblocking(False)
        outside.connect(self.target)
        mapping = self.mappings[client] = [outside, time.monotonic()]
        self.loop.add_reader(outside, self._from_outside, client, mapping)
        return mapping

    def _from_outside(self, client, mapping):
        try:
            data = mapping[0].recv(MAX_DATAGRAM)
        except (BlockingIOError, InterruptedError):
            return
        except OSError:
            return  # ECONNREFUSED from an earlier datagram
        mapping[1] = time.monotonic()
        try:
            self.listener.sendto(data, client)
        except OSError:
            pass

    def _drop(self, client):
        outside, _ = self.mappings.pop(client)
        self.loop.remove_reader(outside)
        outside.close()

    def expire(self):
        now = time.monotonic()
        for client in [c for c, (_, last) in self.mappings.items() if now - last > UDP_IDLE_S]:
            self._drop(client)


def end_with_parent(loop, main):
    """A daemon thread waits for end-of-file on stdin, so the relay dies with its parent. A signal may have ended
    the loop first: then nothing is left to end, and the loop's error would be a traceback on the parent's stderr."""

    def wait():
        sys.stdin.read()
        try:
            loop.call_soon_threadsafe(main.cancel)
        except RuntimeError:
            pass  # the loop is closed

    threading.Thread(target=wait, daemon=True).start()


async def run(tcp, udp):
    loop = asyncio.get_running_loop()
    main = asyncio.current_task()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, main.cancel)
    end_with_parent(loop, main)
    servers = [await relay_tcp(sock, target) for sock, target in tcp]
    relays = [UdpRelay(sock, target, pva) for sock, target, pva in udp]
    print("ready", flush=True)
    try:
        while True:
            await asyncio.sleep(UDP_IDLE_S / 4)
            for udp_relay in relays:
                udp_relay.expire()
    except asyncio.CancelledError:
        pass
    finally:
        for server in servers:
            server.close()
        # connections still relaying end with the relay, quietly: a task left pending is a warning on stderr,
        # which reaches the terminal of the pyexec that started the relay
        pending = [task for task in asyncio.all_tasks() if task is not asyncio.current_task()]
        for task in pending:
            task.cancel()
        try:
            await asyncio.gather(*pending, return_exceptions=True)
        except asyncio.CancelledError:
            pass  # stopped twice (a signal and the end of stdin): the tasks are cancelled all the same


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--netns", metavar="PATH", help="an existing network namespace to listen in")
    where.add_argument("--new-netns", action="store_true", help="listen in a new network namespace")
    parser.add_argument("--tcp", type=forward, action="append", default=[], metavar="IN_HOST:PORT=HOST:PORT")
    parser.add_argument("--udp", type=forward, action="append", default=[], metavar="IN_HOST:PORT=HOST:PORT")
    parser.add_argument("--pva-udp", type=forward, action="append", default=[], metavar="IN_HOST:PORT=HOST:PORT")
    args = parser.parse_args()

    own = os.open("/proc/thread-self/ns/net", os.O_RDONLY)
    try:
        if args.new_netns:
            unshare_network()
            bring_up_loopback()
            namespace = os.open("/proc/thread-self/ns/net", os.O_RDONLY)
        else:
            namespace = os.open(args.netns, os.O_RDONLY)
            setns(namespace)
        try:
            udp_forwards = [(i, t, False) for i, t in args.udp] + [(i, t, True) for i, t in args.pva_udp]
            tcp, udp = listeners(args.tcp, udp_forwards)
        finally:
            setns(own)
    except OSError as error:
        hint = " (the relay needs CAP_SYS_ADMIN: run it as root)" if error.errno == errno.EPERM else ""
        print(f"pyexec-netns-relay: {error}{hint}", file=sys.stderr, flush=True)
        sys.exit(2)
    os.close(own)
    if args.new_netns:
        # This descriptor keeps the namespace alive; others enter it through /proc.
        print(f"netns /proc/{os.getpid()}/fd/{namespace}", flush=True)
    else:
        os.close(namespace)
    asyncio.run(run(tcp, udp))


if __name__ == "__main__":
    main()
