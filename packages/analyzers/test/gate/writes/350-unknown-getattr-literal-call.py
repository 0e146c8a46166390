# class: unknown
# why: `getattr(x, "put")(v)` on unknown
"""Marker compares to a channel."""
import epics


class Marker:
    def __eq__(self, other):
        getattr(other, "put")(0.0, wait=True)
        return False


print(Marker() == epics.PV("SR:C01:QF:CURRENT_SP"))
