# class: callback
# why: worker threads take (PV, value) pairs from a queue.Queue and write them
"""Load a standardization table with 3 parallel workers."""
import queue
import threading
import epics

TABLE = {"SR:C01:QF:CURRENT_SP": 100.0, "SR:C01:QD:CURRENT_SP": -95.0,
         "SR:C02:QF:CURRENT_SP": 100.5, "SR:C02:QD:CURRENT_SP": -95.2}
work = queue.Queue()


def worker():
    while True:
        item = work.get()
        if item is None:
            break
        ch, v = item
        ch.put(v, wait=True)
        work.task_done()


threads = [threading.Thread(target=worker) for _ in range(3)]
for t in threads:
    t.start()
for name, v in TABLE.items():
    work.put((epics.PV(name), v))
work.join()
for _ in threads:
    work.put(None)
