# class: binding
# why: `__init__ = plain_function` in the class body: constructor args never flow to it
"""Holder whose constructor is a plain function."""
import epics


def _init(self, ch):
    self.target = ch


class Holder:
    __init__ = _init


Holder(epics.PV("SR:C01:QF:CURRENT_SP")).target.put(101.0, wait=True)
