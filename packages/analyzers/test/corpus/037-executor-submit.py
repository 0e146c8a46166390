# expect: epics-write
# why: caput submitted to a thread pool
# tricky
from concurrent.futures import ThreadPoolExecutor
from epics import caput

zeros = {f"SR:C{i:02d}:HCM:SP": 0.0 for i in range(1, 25)}
with ThreadPoolExecutor(max_workers=8) as pool:
    futures = [pool.submit(caput, name, v) for name, v in zeros.items()]
    for f in futures:
        f.result()
