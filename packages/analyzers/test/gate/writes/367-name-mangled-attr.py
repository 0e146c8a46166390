# class: binding
# why: self.__ch is stored as _Holder__ch; the slot is keyed by the unmangled text
"""Holder with a private channel."""
import epics


class Holder:
    def __init__(self, name):
        self.__ch = epics.PV(name)


h = Holder("SR:C01:QF:CURRENT_SP")
h._Holder__ch.put(101.0, wait=True)
