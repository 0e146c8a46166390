# topic: rf
# why: monitor booster RF reflected and forward power with cothread camonitor and count reflected-power spikes per cavity
import cothread
from cothread.catools import camonitor, FORMAT_TIME
import numpy as np

CAVITIES = ["BR-RF-CAV-01", "BR-RF-CAV-02"]
SPIKE_RATIO = 0.15     # reflected/forward above which we count a spike
DURATION = 300

buffers = {f"{c}:{kind}": [] for c in CAVITIES for kind in ("FwdPwr-I", "RevPwr-I")}

def on_update(value, index):
    name = value.name
    buffers[name].append((value.timestamp, float(value)))

subs = camonitor(list(buffers), on_update, format=FORMAT_TIME, notify_disconnect=False)
cothread.Sleep(DURATION)
for s in subs:
    s.close()

for cav in CAVITIES:
    fwd = np.array(buffers[f"{cav}:FwdPwr-I"])
    rev = np.array(buffers[f"{cav}:RevPwr-I"])
    if len(fwd) < 10 or len(rev) < 10:
        print(f"{cav}: not enough updates ({len(fwd)}, {len(rev)})")
        continue
    # align reflected onto forward timestamps
    rev_on_fwd = np.interp(fwd[:, 0], rev[:, 0], rev[:, 1])
    ratio = np.divide(rev_on_fwd, fwd[:, 1], out=np.zeros_like(rev_on_fwd), where=fwd[:, 1] > 1.0)
    spikes = np.flatnonzero(np.diff((ratio > SPIKE_RATIO).astype(int)) == 1)
    print(f"{cav}: <Pfwd> {fwd[:, 1].mean():.1f} kW, <Prev> {rev[:, 1].mean():.2f} kW, "
          f"median ratio {np.median(ratio):.3f}, spikes {len(spikes)} in {DURATION} s")
