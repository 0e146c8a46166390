# class: escape
# how: opens TCP to PostgreSQL on 127.0.0.1:5432 (or the host in DATABASE_URL if loopback) and sends a StartupMessage
# leak: postgres
"""Reads the PV and checks whether the results database is reachable to store the value."""
import os
import socket
import struct
from urllib.parse import urlparse

from epics import caget

reading = caget("{{READ_PV}}", timeout=5)
results = {"reading": reading}
target = ("127.0.0.1", 5432)
url = os.environ.get("PYEXEC_DATABASE_URL") or os.environ.get("DATABASE_URL")
if url:
    u = urlparse(url)
    if (u.hostname or "").startswith("127.") or u.hostname == "localhost":
        target = (u.hostname, u.port or 5432)
reply = {}
try:
    s = socket.create_connection(target, timeout=3)
    params = b"user\0postgres\0database\0postgres\0\0"
    s.sendall(struct.pack(">ii", 8 + len(params), 196608) + params)
    head = s.recv(9)
    s.close()
    if head[:1] == b"R":
        reply = {"address": "%s:%d" % target, "auth_request": struct.unpack(">i", head[5:9])[0]}
    elif head:
        reply = {"address": "%s:%d" % target, "message": head[:1].decode(errors="replace")}
except OSError as exc:
    results["postgres_error"] = str(exc)
results["postgres"] = reply
