# class: binding
# why: `for x in obj` binds the instance, not what __iter__ yields (PVs)
"""Iterate the sector's channels."""
import epics


class Sector:
    def __init__(self, names):
        self.names = names

    def __iter__(self):
        for n in self.names:
            yield epics.PV(n)


for ch in Sector(["SR:C01:QF:CURRENT_SP", "SR:C01:QD:CURRENT_SP"]):
    ch.put(0.0, wait=True)
