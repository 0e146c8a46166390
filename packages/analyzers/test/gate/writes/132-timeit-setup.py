# class: outside
# why: the write is the timed statement of timeit.timeit, with the import in its setup string
"""Measure how long a put-with-callback takes on the corrector IOC."""
import timeit

STMT = "caput('SR:C03:HCM2:CURRENT_SP', 0.25, wait=True)"
SETUP = "from epics import caput"

elapsed = timeit.timeit(STMT, setup=SETUP, number=3)
print(f"average put latency: {elapsed / 3 * 1e3:.1f} ms")
