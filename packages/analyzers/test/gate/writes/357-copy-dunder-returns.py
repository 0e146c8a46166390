# class: binding
# why: copy.copy(obj) is obj to the model; obj.__copy__ returns a PV
"""A template copied into a live channel."""
import copy
import epics


class Template:
    def __init__(self, name):
        self.name = name

    def __copy__(self):
        return epics.PV(self.name)


ch = copy.copy(Template("SR:C01:QF:CURRENT_SP"))
ch.put(101.0, wait=True)
