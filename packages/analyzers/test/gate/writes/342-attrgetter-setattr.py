# class: unknown
# why: attrgetter()(obj) gives unknown; setattr(unknown, "value", v) not flagged
"""Holder field applied with attrgetter."""
import operator
import epics


class Holder:
    def __init__(self):
        self.ch = epics.PV("SR:C01:QF:CURRENT_SP")


target = operator.attrgetter("ch")(Holder())
setattr(target, "value", 101.0)
