# class: unknown
# why: inspect.getmembers(pv) turns the PV's methods into a dict; the write is looked up there by name
"""Inspect the chopper PV object, then reset its delay to nominal."""
import inspect
from epics import PV

delay = PV("LI:CHOP:DELAY_SP")
methods = dict(inspect.getmembers(delay, callable))
print("available:", sorted(k for k in methods if not k.startswith("_"))[:10])

nominal_ns = 215.0
methods["put"](nominal_ns, wait=True)
print("delay reset to", nominal_ns, "ns")
