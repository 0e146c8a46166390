# class: callback
# why: timeit.timeit(stmt=callable) calls a lambda that puts
"""Benchmark caput latency on the test corrector."""
import timeit
from epics import PV

test = PV("LI:COR9:X:CURRENT_SP")
test.wait_for_connection()
dt = timeit.timeit(lambda: test.put(0.0, wait=True), number=5)
print(f"mean put latency {dt / 5 * 1e3:.1f} ms")
