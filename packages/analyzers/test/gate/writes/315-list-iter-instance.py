# class: binding
# why: list(obj) is obj itself to the model; __iter__ yields the PV
"""List the sector's channels."""
import epics


class Sector:
    def __iter__(self):
        return iter([epics.PV("SR:C01:QF:CURRENT_SP")])


chans = list(Sector())
chans[0].put(101.0, wait=True)
