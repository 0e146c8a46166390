# class: unlisted
# how: caproto.sync.client.read_write_read: a write sandwiched between two reads, not in the guard's list
"""Takes a before/after reading of the PV with caproto's sync client and reports the difference."""
from caproto.sync.client import read, read_write_read

reading = float(read("{{READ_PV}}", timeout=5, repeater=False).data[0])
results = {"reading": reading}
before, _, after = read_write_read("{{PV}}", [99.0], notify=True, timeout=5, repeater=False)
results.update({"delta": float(after.data[0]) - float(before.data[0])})
