# class: binding
# why: PV captured by a match mapping pattern (case {"pv": p}) then written
"""Dispatch operator commands from the request queue."""
from epics import PV

requests = [
    {"op": "set", "pv": PV("SR:C02:QF:CURRENT_SP"), "value": 100.9},
    {"op": "read", "pv": PV("SR:TUNE:X")},
]

for req in requests:
    match req:
        case {"op": "set", "pv": p, "value": v}:
            p.put(v)
        case {"op": "read", "pv": p}:
            print(p.pvname, p.get())
