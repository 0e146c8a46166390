# expect: nothing
# why: queue.Queue.put carries caget readings between threads
# tricky
import queue
import threading
import epics

readings = queue.Queue()


def poll(name):
    readings.put((name, epics.caget(name)))


threads = [threading.Thread(target=poll, args=(f"SR:BPM{i:02d}:X",)) for i in range(1, 9)]
for t in threads:
    t.start()
for t in threads:
    t.join()
while not readings.empty():
    print(readings.get())
