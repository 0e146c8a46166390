"""Reads PVs for tests, independently of the code under test: prints one JSON line per PV.

    python pyexec_epics_get.py ca|pva PV...

Channel Access through caproto's synchronous client, PV Access through p4p; both from the EPICS_* environment.
"""
import json
import sys


def plain(value):
    if hasattr(value, "tolist"):
        value = value.tolist()
    if isinstance(value, bytes):
        return value.decode("latin-1")
    if isinstance(value, (list, tuple)) or type(value).__name__ == "DbrStringArray":
        value = [plain(v) for v in value]
        return value[0] if len(value) == 1 else value
    return value


def ca(names):
    from caproto import RemoteProtocolError
    from caproto.sync.client import read

    def once(name):
        # a stray datagram on the search socket (an attack under test may send them) fails one search, not the read
        for _ in range(2):
            try:
                return read(name, timeout=5, repeater=False)
            except RemoteProtocolError:
                pass
        return read(name, timeout=5, repeater=False)

    for name in names:
        print(json.dumps(plain(once(name).data)), flush=True)


def pva(names):
    from p4p.client.thread import Context

    with Context("pva") as context:
        for name in names:
            value = context.get(name, timeout=5).raw.todict()["value"]
            print(json.dumps(plain(value), default=plain), flush=True)


if __name__ == "__main__":
    {"ca": ca, "pva": pva}[sys.argv[1]](sys.argv[2:])
