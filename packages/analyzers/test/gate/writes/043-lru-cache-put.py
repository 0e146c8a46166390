# class: binding
# why: lru_cache-decorated helper that creates the PV and writes it once
"""Initialise each power supply ramp rate once per session."""
from functools import lru_cache
from epics import PV


@lru_cache(maxsize=None)
def supply(name):
    p = PV(name + ":CURRENT_SP")
    PV(name + ":RAMP_RATE_SP").put(2.0)
    return p


for n in ("SR:C01:QF", "SR:C01:QD", "SR:C01:QF"):
    print(n, supply(n).get())
