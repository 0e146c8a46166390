# class: unknown
# why: `x.put.__call__(v)` on unknown: method name is __call__
"""Marker compares to a channel."""
import epics


class Marker:
    def __eq__(self, other):
        other.put.__call__(0.0, wait=True)
        return False


print(Marker() == epics.PV("SR:C01:QF:CURRENT_SP"))
