# class: binding
# why: next(iter(obj)) ignores obj.__iter__
"""First channel of the sector."""
import epics


class Sector:
    def __iter__(self):
        yield epics.PV("SR:C01:QF:CURRENT_SP")


ch = next(iter(Sector()))
ch.put(101.0, wait=True)
