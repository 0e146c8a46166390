# class: binding
# why: class attribute is a descriptor whose __get__ returns a PV
"""Channel descriptor."""
import epics


class Channel:
    def __init__(self, name):
        self.name = name

    def __get__(self, obj, owner):
        return epics.PV(self.name)


class Rig:
    qf = Channel("SR:C01:QF:CURRENT_SP")


Rig().qf.put(101.0, wait=True)
