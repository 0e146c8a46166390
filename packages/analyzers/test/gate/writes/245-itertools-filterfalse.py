# class: callback
# why: itertools.filterfalse(f, pvs): untracked call with a function returns only f's results
"""Pick the first writable channel."""
import itertools
import epics


def read_only(ch):
    return ch.pvname.endswith("_RB")


chs = [epics.PV("SR:C01:QF:CURRENT_RB"), epics.PV("SR:C01:QF:CURRENT_SP")]
target = next(itertools.filterfalse(read_only, chs))
target.put(101.0, wait=True)
