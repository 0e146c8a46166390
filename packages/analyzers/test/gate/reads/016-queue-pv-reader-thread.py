# topic: bpm
# why: hand BPM sum-signal PVs to a reader thread through a queue and collect one reading of each
import queue
import threading
import statistics
from epics import PV

names = [f"SR:C{c:02d}:BPM{i}:SUM" for c in range(1, 13) for i in (1, 2)]
work = queue.Queue()
results = {}
lock = threading.Lock()


def reader():
    while True:
        pv = work.get()
        if pv is None:
            work.task_done()
            break
        value = pv.get(timeout=2.0)
        with lock:
            results[pv.pvname] = value
        work.task_done()


threads = [threading.Thread(target=reader, daemon=True) for _ in range(4)]
for t in threads:
    t.start()
for name in names:
    work.put(PV(name))
for _ in threads:
    work.put(None)
work.join()

valid = {k: v for k, v in results.items() if v is not None}
print(f"{len(valid)}/{len(names)} BPM sum signals read")
if valid:
    med = statistics.median(valid.values())
    for k, v in sorted(valid.items()):
        flag = "  <-- low" if v < 0.5 * med else ""
        print(f"{k:<24}{v:12.1f}{flag}")
