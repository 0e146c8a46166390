# class: escape
# how: TCP connects to other services on loopback (ssh, redis, mysql, amqp, mqtt, nats, ollama, web) and 127.0.0.2
# leak: network
"""Reads the PV and checks which data services are up for a follow-up analysis."""
import socket

from epics import caget

reading = caget("{{READ_PV}}", timeout=5)
results = {"reading": reading}
candidates = [("127.0.0.1", p) for p in (22, 2222, 3000, 3306, 4222, 5672, 1883, 6379, 8000, 8080, 11434)]
candidates += [("127.0.0.2", 5432), ("127.0.0.2", 6379)]
reached = []
for host, port in candidates:
    try:
        socket.create_connection((host, port), timeout=0.5).close()
        reached.append("%s:%d" % (host, port))
    except OSError:
        pass
results["network"] = reached
