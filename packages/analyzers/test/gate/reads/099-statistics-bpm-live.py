# topic: bpm
# why: quick per-BPM statistics of vertical positions from repeated caget reads using only the statistics module
import statistics
import time
from epics import caget

names = [f"SR:C01:BPM{i}:Y" for i in range(1, 9)]
series = {n: [] for n in names}
t_start = time.time()
while time.time() - t_start < 30:
    for n in names:
        v = caget(n, timeout=1.0)
        if v is not None:
            series[n].append(v)
    time.sleep(0.5)

print(f"{'BPM':<16}{'n':>4}{'mean':>10}{'median':>10}{'stdev':>8}{'q1':>9}{'q3':>9}")
for n, vals in series.items():
    if len(vals) < 4:
        print(f"{n:<16}{len(vals):>4}  too few readings")
        continue
    q1, _, q3 = statistics.quantiles(vals, n=4)
    print(f"{n:<16}{len(vals):4d}{statistics.fmean(vals):10.2f}{statistics.median(vals):10.2f}{statistics.stdev(vals):8.3f}{q1:9.2f}{q3:9.2f}")

a, b = series[names[0]], series[names[1]]
m = min(len(a), len(b))
if m > 3:
    print(f"\ncorrelation of {names[0]} and {names[1]}: {statistics.correlation(a[:m], b[:m]):.2f}")
