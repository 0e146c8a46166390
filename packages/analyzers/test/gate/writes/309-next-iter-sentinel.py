# class: callback
# why: next(iter(factory, None)) gives the factory function, not the PV it returns
"""First channel from a factory via iter(callable, sentinel)."""
import epics


def opener():
    return epics.PV("SR:C01:QF:CURRENT_SP")


ch = next(iter(opener, None))
ch.put(101.0, wait=True)
