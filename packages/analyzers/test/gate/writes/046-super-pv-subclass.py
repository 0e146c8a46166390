# class: binding
# why: subclass of epics.PV whose own method writes through zero-argument super().put
"""Limited-range PV wrapper for the injection kicker."""
from epics import PV


class ClampedPV(PV):
    lo, hi = 0.0, 5.0

    def apply(self, v):
        return super().put(min(max(v, self.lo), self.hi), wait=True)


kick = ClampedPV("SR:INJ:KICK2:VOLT_SP")
kick.apply(4.2)
print("kicker", kick.get())
