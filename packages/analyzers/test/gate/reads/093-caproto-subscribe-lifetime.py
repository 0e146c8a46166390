# topic: lifetime
# why: subscribe to the current and vacuum average with caproto and correlate short-term lifetime with pressure
import time
import numpy as np
from caproto.threading.client import Context

collected = {"SR:DCCT:CURRENT": [], "SR:VAC:AVG:P": []}


def make_cb(name):
    def cb(sub, response):
        collected[name].append((time.time(), float(response.data[0])))
    return cb


ctx = Context()
pvs = ctx.get_pvs(*collected, timeout=3.0)
subs = []
callbacks = []
for pv in pvs:
    sub = pv.subscribe(data_type="time")
    cb = make_cb(pv.name)
    sub.add_callback(cb)
    subs.append(sub)
    callbacks.append(cb)  # keep references: caproto holds callbacks weakly

time.sleep(300)
for sub in subs:
    sub.clear()

t_i, cur = np.array(collected["SR:DCCT:CURRENT"]).T
t_p, p = np.array(collected["SR:VAC:AVG:P"]).T
edges = np.arange(t_i[0], t_i[-1], 30.0)
tau, pres = [], []
for a, b in zip(edges, edges[1:]):
    sel = (t_i >= a) & (t_i < b)
    if sel.sum() > 5:
        slope = np.polyfit(t_i[sel] - a, np.log(cur[sel]), 1)[0]
        if slope < 0:
            tau.append(-1 / slope / 3600)
            pres.append(np.interp(0.5 * (a + b), t_p, p))
print(f"{len(tau)} windows, lifetime {np.mean(tau):.2f} h, corr(1/tau, P) = {np.corrcoef(1 / np.array(tau), pres)[0, 1]:.2f}")
