# expect: epics-write
# why: property setter forwards to PV.put, triggered by plain attribute assignment
# tricky
from epics import PV


class Magnet:
    def __init__(self, prefix):
        self._sp = PV(prefix + ":CURRENT_SP")

    @property
    def current(self):
        return self._sp.get()

    @current.setter
    def current(self, amps):
        self._sp.put(amps)


q = Magnet("SR:Q15")
q.current = 17.25
