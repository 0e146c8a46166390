# topic: vacuum
# why: read all ring cold-cathode gauges concurrently with asyncio and run_in_executor, and summarise pressure per arc
import asyncio
import math
from collections import defaultdict
from epics import caget

GAUGES = [f"SR{arc:02d}C-VA-GAUGE-{g:02d}:P" for arc in range(1, 25) for g in range(1, 6)]

async def read_gauge(loop, name):
    value = await loop.run_in_executor(None, caget, name)
    return name, value

async def main():
    loop = asyncio.get_running_loop()
    results = await asyncio.gather(*(read_gauge(loop, n) for n in GAUGES))
    per_arc = defaultdict(list)
    dead = []
    for name, val in results:
        arc = int(name[2:4])
        if val is None or val <= 0:
            dead.append(name)
        else:
            per_arc[arc].append(val)
    print(f"{len(GAUGES) - len(dead)} gauges read, {len(dead)} without value")
    print(f"{'arc':>4s} {'n':>3s} {'geo-mean':>10s} {'max':>10s}")
    for arc in sorted(per_arc):
        vals = per_arc[arc]
        geo = math.exp(sum(math.log(v) for v in vals) / len(vals))
        print(f"{arc:4d} {len(vals):3d} {geo:10.2e} {max(vals):10.2e}{'  *' if max(vals) > 1e-8 else ''}")
    for name in dead:
        print("  no value:", name)

asyncio.run(main())
