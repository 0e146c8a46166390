# class: binding
# why: __iter__ generator writes each step; a for loop drives it
"""Scan the RF voltage for the bunch-length measurement."""
from epics import PV


class VoltageScan:
    def __init__(self, name, points):
        self.pv = PV(name)
        self.points = points

    def __iter__(self):
        for v in self.points:
            self.pv.put(v, wait=True)
            yield v


for v in VoltageScan("SR:RF:CAV1:VOLT_SP", [1.0, 1.1, 1.2]):
    print(v, PV("SR:BL:LENGTH").get())
