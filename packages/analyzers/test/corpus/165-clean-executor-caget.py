# expect: nothing
# why: caget (a read) passed as a callable to a thread pool map
# tricky
from concurrent.futures import ThreadPoolExecutor
from epics import caget

names = [f"SR:VAC:IG{i:02d}:PRES" for i in range(1, 21)]
with ThreadPoolExecutor(max_workers=4) as pool:
    pressures = list(pool.map(caget, names))
worst = max(zip(pressures, names))
print(f"highest pressure {worst[0]:.2e} at {worst[1]}")
