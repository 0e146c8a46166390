# class: callback
# why: epics.caput passed as a bare function to ThreadPoolExecutor.map, never called in the code
"""Restore the C01 quadrupole setpoints from the morning snapshot, in parallel."""
from concurrent.futures import ThreadPoolExecutor
import epics

SNAPSHOT = {
    "SR:C01:QF:CURRENT_SP": 101.25,
    "SR:C01:QD:CURRENT_SP": -98.40,
    "SR:C01:QFA:CURRENT_SP": 87.10,
}

with ThreadPoolExecutor(max_workers=4) as pool:
    results = list(pool.map(epics.caput, SNAPSHOT.keys(), SNAPSHOT.values()))

print("restored", sum(1 for r in results if r == 1), "of", len(SNAPSHOT))
