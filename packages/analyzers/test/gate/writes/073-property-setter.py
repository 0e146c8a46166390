# class: binding
# why: property setter writes; "m.gap = 14.2" looks like plain attribute assignment
"""Undulator model with a gap property."""
from epics import PV


class Undulator:
    def __init__(self, prefix):
        self._sp = PV(prefix + ":GAP_SP")
        self._rb = PV(prefix + ":GAP_RB")

    @property
    def gap(self):
        return self._rb.get()

    @gap.setter
    def gap(self, value):
        self._sp.put(value, wait=True)


id05 = Undulator("SR:ID05")
id05.gap = 14.2
print("gap", id05.gap)
