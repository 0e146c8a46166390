# class: unknown
# why: `w = x.put; w(v)` on unknown: only method-call syntax is flagged
"""Marker compares to a channel."""
import epics


class Marker:
    def __eq__(self, other):
        apply = other.put
        apply(0.0, wait=True)
        return False


print(Marker() == epics.PV("SR:C01:QF:CURRENT_SP"))
