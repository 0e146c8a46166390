# topic: lifetime
# why: monitor the stored current over PV Access for two minutes and fit the decay rate
import threading
import time
import numpy as np
from p4p.client.thread import Context

values = []
lock = threading.Lock()


def on_update(v):
    with lock:
        values.append((time.time(), float(v)))


ctx = Context("pva")
sub = ctx.monitor("SR:DCCT:CURRENT", on_update)
time.sleep(120)
sub.close()
ctx.close()

with lock:
    data = np.array(values)
if len(data) < 10:
    raise SystemExit(f"only {len(data)} updates received")

t = data[:, 0] - data[0, 0]
i = data[:, 1]
slope, intercept = np.polyfit(t, np.log(i), 1)
print(f"{len(data)} updates, I = {i[0]:.3f} -> {i[-1]:.3f} mA")
if slope < 0:
    print(f"lifetime from log-linear fit: {-1 / slope / 3600:.2f} h")
else:
    print("current increased during the window (top-up?)")
