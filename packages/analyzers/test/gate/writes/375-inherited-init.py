# class: binding
# why: inherited __init__ is not called for a subclass (methodOf looks only at own class)
"""Holder subclass with the base constructor."""
import epics


class Holder:
    def __init__(self, ch):
        self.ch = ch


class QuadHolder(Holder):
    pass


QuadHolder(epics.PV("SR:C01:QF:CURRENT_SP")).ch.put(101.0, wait=True)
