# class: binding
# why: reversed(obj) uses __reversed__, which the for-loop protocol does not follow
"""Walk the sector backwards."""
import epics


class Sector:
    def __init__(self, names):
        self.names = names

    def __reversed__(self):
        return iter([epics.PV(n) for n in reversed(self.names)])


for ch in reversed(Sector(["SR:C01:QF:CURRENT_SP"])):
    ch.put(101.0, wait=True)
