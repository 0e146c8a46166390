# class: binding
# why: user decorator factory captures the PV and writes in its wrapper after the function runs
"""Measure beta function with the quad shunted; restore automatically."""
import epics


def restoring(pvname, value):
    def deco(fn):
        def wrapper(*a, **kw):
            try:
                return fn(*a, **kw)
            finally:
                epics.caput(pvname, value, wait=True)
        return wrapper
    return deco


@restoring("SR:C01:QF:CURRENT_SP", 101.25)
def measure():
    return epics.caget("SR:TUNE:X")


print("tune", measure())
