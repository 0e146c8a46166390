# expect: epics-write
# why: class holds a PV in self and writes it from a method
# tricky
from epics import PV


class Corrector:
    def __init__(self, name):
        self._sp = PV(name + ":SP")

    def kick(self, amps):
        self._sp.put(amps)


c = Corrector("SR:C08:HCM")
c.kick(0.15)
