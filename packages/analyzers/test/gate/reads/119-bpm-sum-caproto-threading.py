# topic: bpm
# why: read BPM button sum signals through caproto's threading client and flag BPMs with low or outlying intensity
import statistics
from caproto.threading.client import Context

SECTORS = range(1, 25)
names = [f"BR{s:02d}-DI-EBPM-{b:02d}:SA:SUM" for s in SECTORS for b in (1, 2, 3, 4, 5, 6, 7)]

ctx = Context()
pvs = ctx.get_pvs(*names, timeout=2.0)

sums = {}
for pv in pvs:
    try:
        reading = pv.read(timeout=2.0)
        sums[pv.name] = float(reading.data[0])
    except TimeoutError:
        sums[pv.name] = None

valid = {k: v for k, v in sums.items() if v is not None}
med = statistics.median(valid.values())
mad = statistics.median(abs(v - med) for v in valid.values())

print(f"{len(valid)}/{len(names)} BPMs responded, median sum = {med:.0f}, MAD = {mad:.0f}")
for name, v in sorted(sums.items()):
    if v is None:
        print(f"  {name:32s} TIMEOUT")
    elif v < 0.3 * med:
        print(f"  {name:32s} LOW  {v:10.0f} ({v / med:.2f} of median)")
    elif mad > 0 and abs(v - med) / (1.4826 * mad) > 5:
        print(f"  {name:32s} OUTLIER {v:10.0f}")
