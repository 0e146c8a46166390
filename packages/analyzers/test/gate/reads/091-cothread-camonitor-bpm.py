# topic: bpm
# why: monitor a handful of BPMs with cothread camonitor for 15 s and compute jitter and update rates
import cothread
from cothread.catools import camonitor, FORMAT_TIME
import numpy as np

names = [f"SR:C10:BPM{i}:X" for i in range(1, 7)]
data = {n: [] for n in names}


def on_update(value, index):
    data[names[index]].append((value.timestamp, float(value)))


subs = camonitor(names, on_update, format=FORMAT_TIME)
cothread.Sleep(15.0)
for s in subs:
    s.close()

for name in names:
    pts = np.array(data[name])
    if len(pts) < 3:
        print(f"{name}: {len(pts)} updates only")
        continue
    rate = (len(pts) - 1) / (pts[-1, 0] - pts[0, 0])
    print(f"{name}: {len(pts):4d} updates ({rate:5.1f} Hz), mean {pts[:, 1].mean():8.2f} um, jitter {pts[:, 1].std():.3f} um")
