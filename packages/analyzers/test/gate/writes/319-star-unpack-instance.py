# class: binding
# why: `[*obj]` ignores obj.__iter__
"""Collect channels with star-unpacking."""
import epics


class Sector:
    def __iter__(self):
        yield epics.PV("SR:C01:QF:CURRENT_SP")


chans = [*Sector()]
chans[0].put(101.0, wait=True)
