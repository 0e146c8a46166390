# class: callback
# why: iter(f, sentinel) is modelled as holding f itself, not what f returns (a PV)
"""Open channels lazily with iter(callable, sentinel)."""
import epics


def make():
    return epics.PV("SR:C01:QF:CURRENT_SP")


for ch in iter(make, None):
    ch.put(101.0, wait=True)
    break
