# class: binding
# why: descriptor __get__ returns a bound pv.put; calling the attribute writes
"""Trim helper: magnet.trim(x) sets the trim coil."""
from epics import PV


class TrimAccess:
    def __get__(self, obj, objtype=None):
        return PV(obj.prefix + ":TRIM:CURRENT_SP").put


class Quad:
    trim = TrimAccess()

    def __init__(self, prefix):
        self.prefix = prefix


Quad("SR:C03:QF").trim(0.15)
