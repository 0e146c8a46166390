# class: binding
# why: functools.partialmethod defines on()/off() that call a writing method
"""Beamline shutter helper."""
from functools import partialmethod
from epics import PV


class Shutter:
    def __init__(self, name):
        self.cmd = PV(name)

    def _set(self, state):
        self.cmd.put(state, wait=True)

    open = partialmethod(_set, 1)
    close = partialmethod(_set, 0)


Shutter("BL07:FE:SHUTTER_CMD").close()
