# class: unknown
# why: PV objects pass through a heapq priority queue; heappop returns them out of sight
"""Ramp the undulator gaps in priority order."""
import heapq
from epics import PV

requests = [
    (2, "ID:U2:GAP_SP", 14.0),
    (1, "ID:U1:GAP_SP", 11.5),
    (3, "ID:U3:GAP_SP", 18.2),
]
queue = []
for prio, name, gap in requests:
    heapq.heappush(queue, (prio, name, PV(name), gap))

while queue:
    _, name, chan, gap = heapq.heappop(queue)
    chan.put(gap, wait=True)
    print(f"{name} -> {gap} mm")
