# class: binding
# why: `(ch,) = obj` unpacking ignores obj.__iter__ (only for-loops use it)
"""Unpack the sector's channels."""
import epics


class Sector:
    def __iter__(self):
        yield epics.PV("SR:C01:QF:CURRENT_SP")


(ch,) = Sector()
ch.put(101.0, wait=True)
