# class: binding
# why: f.__code__ = writer.__code__: f runs the writer body with f's arguments
"""Reporter borrows the applier's code."""
import epics


def report(value, ch):
    print(ch.pvname, value)


def applier(value, target):
    target.put(value, wait=True)


report.__code__ = applier.__code__
report(101.0, epics.PV("SR:C01:QF:CURRENT_SP"))
