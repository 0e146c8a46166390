# class: binding
# why: __add__ has a write side effect; the expression "trim + 0.05" applies it
"""Trim arithmetic: adding to a Trim applies the new value."""
import epics


class Trim:
    def __init__(self, name):
        self.name = name

    def __add__(self, d):
        new = (epics.caget(self.name) or 0.0) + d
        epics.caput(self.name, new)
        return new


vtrim = Trim("SR:C05:VCM2:CURRENT_SP")
print("new value", vtrim + 0.05)
