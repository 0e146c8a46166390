# class: binding
# why: `obj += pv` calls __iadd__(pv); operand not followed
"""Accumulator that zeroes channels added to it."""
import epics


class Zeroer:
    def __iadd__(self, ch):
        ch.put(0.0, wait=True)
        return self


z = Zeroer()
z += epics.PV("SR:C01:QF:CURRENT_SP")
