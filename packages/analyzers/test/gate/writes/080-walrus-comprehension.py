# class: binding
# why: walrus binds the PV inside a comprehension; the write happens in the same expression
"""Zero the vertical correctors and report the old values."""
from epics import PV

names = [f"LI:COR{i}:Y:CURRENT_SP" for i in range(1, 5)]
old = [(p := PV(n)).get() for n in names if (p := PV(n)).put(0.0) or True]
print(dict(zip(names, old)))
