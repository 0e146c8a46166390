# topic: orbit
# why: collect 50 orbit waveform updates over PV Access and compute per-BPM jitter and the dominant mode
import time
import queue
import numpy as np
from p4p.client.thread import Context

updates = queue.Queue()
ctx = Context("pva")
sub = ctx.monitor("SR:ORBIT:X", lambda v: updates.put(np.asarray(v, dtype=float)))

orbits = []
deadline = time.time() + 120
while len(orbits) < 50 and time.time() < deadline:
    try:
        orbits.append(updates.get(timeout=5.0))
    except queue.Empty:
        print("no update for 5 s")
sub.close()
ctx.close()

O = np.vstack(orbits)
print(f"{O.shape[0]} orbits of {O.shape[1]} BPMs")
jitter = O.std(axis=0)
print(f"jitter: median {np.median(jitter):.2f} um, max {jitter.max():.2f} um at BPM {int(np.argmax(jitter))}")
U, s, Vt = np.linalg.svd(O - O.mean(axis=0), full_matrices=False)
print(f"first mode carries {s[0] ** 2 / np.sum(s ** 2) * 100:.1f}% of the motion")
np.save("orbit_updates.npy", O)
