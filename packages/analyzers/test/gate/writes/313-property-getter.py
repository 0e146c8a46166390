# class: binding
# why: @property getter returning a PV: attribute access gives the function, not its return
"""Magnet with a channel property."""
import epics


class Magnet:
    def __init__(self, name):
        self.name = name

    @property
    def channel(self):
        return epics.PV(self.name)


Magnet("SR:C01:QF:CURRENT_SP").channel.put(101.0, wait=True)
