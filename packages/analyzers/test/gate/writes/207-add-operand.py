# class: binding
# why: `pv + obj` calls obj.__radd__(pv); operands never reach dunder parameters
"""Offset arithmetic."""
import epics


class Offset:
    def __init__(self, d):
        self.d = d

    def __radd__(self, ch):
        ch.put(ch.get() + self.d, wait=True)
        return ch


ch = epics.PV("SR:C01:QF:CURRENT_SP")
ch + Offset(0.5)
