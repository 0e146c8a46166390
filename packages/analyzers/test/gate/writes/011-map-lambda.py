# class: callback
# why: builtin map calls a lambda that puts; list() forces it
"""Zero all skew quad trims in sector 4 before the coupling measurement."""
from epics import PV

names = [f"SR:C04:SQ{i}:CURRENT_SP" for i in range(1, 5)]
skews = [PV(n) for n in names]

status = list(map(lambda p: p.put(0.0, wait=True), skews))
print("zeroed", len(status), "skew quads")
