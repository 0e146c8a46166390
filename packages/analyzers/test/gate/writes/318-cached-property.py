# class: binding
# why: functools.cached_property method returning a PV: attribute gives the function
"""Magnet with a cached channel."""
import functools
import epics


class Magnet:
    def __init__(self, name):
        self.name = name

    @functools.cached_property
    def channel(self):
        return epics.PV(self.name)


Magnet("SR:C01:QF:CURRENT_SP").channel.put(101.0, wait=True)
