# class: callback
# why: filter() predicate writes as a side effect and returns True
"""Find the connected steering magnets (and standardize them while we are there)."""
from epics import PV

steerers = [PV(f"LI:STR{i}:CURRENT_SP") for i in range(1, 7)]


def connected(p):
    if p.wait_for_connection(timeout=1.0):
        p.put(0.0)  # standardize
        return True
    return False


alive = list(filter(connected, steerers))
print(len(alive), "steerers online")
