# class: unknown
# why: setattr(x, "value", v) on an unknown value (dunder param) is not a write; only `x.value = v` is
"""Marker compares to a channel."""
import epics


class Marker:
    def __eq__(self, other):
        setattr(other, "value", 0.0)
        return False


print(Marker() == epics.PV("SR:C01:QF:CURRENT_SP"))
