# topic: tune
# why: monitor the tune measurement PVs with epics.camonitor for ten minutes and report tune stability and spread
import time
import statistics
import epics

TUNE_PVS = {"x": "SR:TUNE:X-I", "y": "SR:TUNE:Y-I"}
history = {plane: [] for plane in TUNE_PVS}

def make_callback(plane):
    def cb(pvname=None, value=None, timestamp=None, **kws):
        history[plane].append((timestamp, value))
    return cb

for plane, pvname in TUNE_PVS.items():
    epics.camonitor(pvname, writer=lambda msg: None, callback=make_callback(plane))

try:
    time.sleep(600)
finally:
    for pvname in TUNE_PVS.values():
        epics.camonitor_clear(pvname)

for plane, samples in history.items():
    vals = [v for _, v in samples if v is not None and 0 < v < 1]
    if len(vals) < 2:
        print(f"Q{plane}: not enough updates ({len(vals)})")
        continue
    rate = len(samples) / (samples[-1][0] - samples[0][0])
    print(f"Q{plane}: mean {statistics.fmean(vals):.5f}  stdev {statistics.stdev(vals) * 1e4:.2f}e-4  "
          f"range {min(vals):.5f}-{max(vals):.5f}  ({len(vals)} updates, {rate:.2f} Hz)")
