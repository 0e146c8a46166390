# class: unknown
# why: operator.attrgetter('field')(obj) with a non-write name returns nothing
"""Pick the channel off the holder with attrgetter."""
import operator
import epics


class Holder:
    def __init__(self):
        self.qf = epics.PV("SR:C01:QF:CURRENT_SP")


pick = operator.attrgetter("qf")
pick(Holder()).put(101.0, wait=True)
