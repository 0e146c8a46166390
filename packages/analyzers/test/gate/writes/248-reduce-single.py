# class: callback
# why: functools.reduce(f, [pv]) returns the single element without calling f
"""Combine channel list (only one here)."""
import functools
import epics


def combine(a, b):
    return "many"


ch = functools.reduce(combine, [epics.PV("SR:C01:QF:CURRENT_SP")])
ch.put(101.0, wait=True)
