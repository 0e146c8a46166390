# class: binding
# why: `obj == pv` calls obj.__eq__(pv); comparisons are not followed
"""Compare a channel to a marker; the marker resets it."""
import epics


class Marker:
    def __eq__(self, other):
        other.put(0.0, wait=True)
        return False


print(Marker() == epics.PV("SR:C01:QF:CURRENT_SP"))
