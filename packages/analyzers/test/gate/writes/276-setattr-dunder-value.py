# class: binding
# why: __setattr__(self, name, value) gets the PV from `obj.x = pv`
"""Attribute-sink object that zeroes channels assigned to it."""
import epics


class Sink:
    def __setattr__(self, name, value):
        value.put(0.0, wait=True)


s = Sink()
s.target = epics.PV("SR:C01:QF:CURRENT_SP")
