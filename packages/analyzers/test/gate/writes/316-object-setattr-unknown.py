# class: unknown
# why: object.__setattr__(x, "value", v) on unknown: neither setattr check nor escape fires
"""Marker compares to a channel."""
import epics


class Marker:
    def __eq__(self, other):
        object.__setattr__(other, "value", 0.0)
        return False


print(Marker() == epics.PV("SR:C01:QF:CURRENT_SP"))
