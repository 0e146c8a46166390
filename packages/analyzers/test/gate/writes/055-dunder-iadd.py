# class: binding
# why: __iadd__ writes; "knob += 0.1" reads like arithmetic
"""Step the horizontal chromaticity knob by +0.1."""
from epics import PV


class Knob:
    def __init__(self, name):
        self.pv = PV(name)

    def __iadd__(self, delta):
        self.pv.put((self.pv.get() or 0.0) + delta)
        return self


chrom_x = Knob("SR:CHROM:KNOB_X_SP")
chrom_x += 0.1
