# topic: vacuum
# why: subscribe to PVAccess pressure PVs of the RF straight with p4p monitors and detect pressure bursts during a fill
import time
from collections import defaultdict
from threading import Lock
from p4p.client.thread import Context

GAUGES = [f"SR-RF:VA-CCG-{i:02d}:Pressure" for i in range(1, 9)]
BURST_FACTOR = 2.0

data = defaultdict(list)
lock = Lock()

def make_cb(name):
    def cb(value):
        if isinstance(value, Exception):
            return
        with lock:
            data[name].append((value.timestamp, float(value)))
    return cb

ctx = Context("pva")
subs = [ctx.monitor(name, make_cb(name)) for name in GAUGES]
try:
    time.sleep(900)
finally:
    for sub in subs:
        sub.close()
    ctx.close()

for name in GAUGES:
    samples = sorted(data.get(name, []))
    if len(samples) < 5:
        print(f"{name}: only {len(samples)} updates")
        continue
    vals = [v for _, v in samples]
    base = sorted(vals)[len(vals) // 10]   # 10th percentile as baseline
    bursts, inside = [], False
    for t, v in samples:
        if v > BURST_FACTOR * base and not inside:
            bursts.append(t)
            inside = True
        elif v < 1.2 * base:
            inside = False
    print(f"{name}: base {base:.2e} mbar, max {max(vals):.2e}, {len(bursts)} bursts, {len(vals)} updates")
    for t in bursts[:5]:
        print(f"    burst at {time.strftime('%H:%M:%S', time.localtime(t))}")
