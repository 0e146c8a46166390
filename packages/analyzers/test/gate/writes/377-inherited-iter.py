# class: binding
# why: inherited __iter__ not followed in a for-loop
"""Sector subclass iterated."""
import epics


class Sector:
    def __iter__(self):
        yield epics.PV("SR:C01:QF:CURRENT_SP")


class C01(Sector):
    pass


for ch in C01():
    ch.put(101.0, wait=True)
