# class: unknown
# why: pyepics PV.__setval__(v) on an unknown value: name not a known writer
"""Marker compares to a channel."""
import epics


class Marker:
    def __eq__(self, other):
        other.__setval__(0.0)
        return False


print(Marker() == epics.PV("SR:C01:QF:CURRENT_SP"))
