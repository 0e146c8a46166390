# topic: rf
# why: sample LLRF phase and amplitude readbacks of all linac klystrons in parallel with a thread pool and report pulse-to-pulse jitter
import time
from concurrent.futures import ThreadPoolExecutor
import numpy as np
from epics import caget

STATIONS = [f"LI-RF-KLY-{i:02d}" for i in range(1, 13)]
N_SAMPLES = 200
PERIOD = 0.1   # 10 Hz repetition

def sample_station(station):
    amp, pha = [], []
    for _ in range(N_SAMPLES):
        a = caget(f"{station}:LLRF:Amp-I", timeout=1.0)
        p = caget(f"{station}:LLRF:Phase-I", timeout=1.0)
        if a is not None and p is not None:
            amp.append(a)
            pha.append(p)
        time.sleep(PERIOD)
    return station, np.array(amp), np.array(pha)

with ThreadPoolExecutor(max_workers=len(STATIONS)) as pool:
    results = list(pool.map(sample_station, STATIONS))

print(f"{'station':12s} {'n':>4s} {'amp jitter %':>13s} {'phase jitter deg':>17s} {'phase drift deg':>16s}")
for station, amp, pha in results:
    if len(amp) < 10:
        print(f"{station:12s} insufficient data")
        continue
    pha_unwrapped = np.degrees(np.unwrap(np.radians(pha)))
    drift = pha_unwrapped[-20:].mean() - pha_unwrapped[:20].mean()
    flag = " <-- check" if np.std(pha_unwrapped) > 0.1 else ""
    print(f"{station:12s} {len(amp):4d} {100 * amp.std() / amp.mean():13.3f} "
          f"{pha_unwrapped.std():17.3f} {drift:16.3f}{flag}")
