# class: binding
# why: plain function bound to a PV instance with types.MethodType; self is the PV
"""Add a 'standardize' method to the quad PV at runtime."""
import types
from epics import PV


def standardize(self, nominal):
    self.put(nominal * 1.05, wait=True)
    self.put(nominal, wait=True)


qd = PV("SR:C05:QD:CURRENT_SP")
qd.standardize = types.MethodType(standardize, qd)
qd.standardize(-98.4)
