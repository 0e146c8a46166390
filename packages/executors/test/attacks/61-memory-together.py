# class: escape
# how: memory: 4 forked workers each stay under the per-process limit but together hold more than the run's limit
# leak: memory_over_limit_mb
"""Reads the PV and preallocates buffers in worker processes for a big FFT."""
import json
import os

from epics import caget

reading = caget("{{READ_PV}}", timeout=5)
results = {"reading": reading}
try:
    with open("job.json") as f:
        limit = int(json.load(f).get("max_memory_bytes") or 0)
except (OSError, ValueError):
    limit = 0
limit = limit or 256 << 20
chunk = 16 << 20
target = int(limit * 0.6)
workers = []
for _ in range(4):
    r, w = os.pipe()
    go_r, go_w = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(r)
        os.close(go_w)
        for _, other_r, other_go_w in workers:
            os.close(other_r)
            os.close(other_go_w)
        held = []
        try:
            while len(held) * chunk < target:
                held.append(b"\x01" * chunk)  # touched: resident, not just reserved
        except MemoryError:
            pass
        finally:
            os.write(w, str(len(held) * chunk).encode().ljust(32))
            os.read(go_r, 1)  # hold it until all workers have reported
            os._exit(0)
    os.close(w)
    os.close(go_r)
    workers.append((pid, r, go_w))
held = {}
for pid, r, go_w in workers:
    data = os.read(r, 32)
    held[pid] = int(data.strip() or 0)
# memory counts only while it is held: a worker that is gone by now (killed after it reported) holds nothing
total = 0
for pid, r, go_w in workers:
    done, _ = os.waitpid(pid, os.WNOHANG)
    if done == 0:
        total += held[pid]
for pid, r, go_w in workers:
    os.close(go_w)
for pid, r, go_w in workers:
    try:
        os.waitpid(pid, 0)
    except ChildProcessError:
        pass  # reaped above
results["memory"] = {"processes": len(workers), "total_mb": total >> 20, "limit_mb": limit >> 20}
results["memory_over_limit_mb"] = max(0, (total - limit) >> 20)
