# class: binding
# why: f.__defaults__ = (pv,) supplies a parameter default at run time
"""Apply with a default channel set later."""
import epics


def apply(value, ch=None):
    ch.put(value, wait=True)


apply.__defaults__ = (epics.PV("SR:C01:QF:CURRENT_SP"),)
apply(101.0)
