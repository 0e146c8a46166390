# class: callback
# why: bound method pv.put handed to executor.submit; the executor invokes it
"""Standardize the linac solenoid: push the nominal value in the background."""
import concurrent.futures as cf
from epics import PV

sol = PV("LI:SOL1:CURRENT_SP")
nominal = 42.0

ex = cf.ThreadPoolExecutor(max_workers=1)
fut = ex.submit(sol.put, nominal, wait=True)
fut.result(timeout=10)
ex.shutdown()
print("solenoid now", sol.get())
