# class: unknown
# why: x.__setattr__("value", v) on an unknown value: target is not EPICS, so not flagged
"""Marker compares to a channel."""
import epics


class Marker:
    def __eq__(self, other):
        other.__setattr__("value", 0.0)
        return False


print(Marker() == epics.PV("SR:C01:QF:CURRENT_SP"))
