# class: binding
# why: __setattr__ turns attribute assignment into caput
"""Attribute-style access to the sector-1 lattice setpoints."""
import epics


class Lattice:
    def __init__(self, prefix):
        object.__setattr__(self, "prefix", prefix)

    def __setattr__(self, name, value):
        epics.caput(f"{self.prefix}:{name}:CURRENT_SP", value)

    def __getattr__(self, name):
        return epics.caget(f"{self.prefix}:{name}:CURRENT_SP")


c01 = Lattice("SR:C01")
c01.QF = 101.25
c01.QD = -98.40
print(c01.QF, c01.QD)
