# class: binding
# why: user __invert__ returns a PV; unary operators give nothing
"""The setpoint of a readback, by ~."""
import epics


class Readback:
    def __init__(self, name):
        self.name = name

    def __invert__(self):
        return epics.PV(self.name.replace("_RB", "_SP"))


sp = ~Readback("SR:C01:QF:CURRENT_RB")
sp.put(101.0, wait=True)
