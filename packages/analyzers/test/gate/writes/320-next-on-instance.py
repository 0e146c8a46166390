# class: binding
# why: next(obj) gives obj, not what __next__ returns
"""An iterator class of channels."""
import epics


class Feed:
    def __iter__(self):
        return self

    def __next__(self):
        return epics.PV("SR:C01:QF:CURRENT_SP")


ch = next(Feed())
ch.put(101.0, wait=True)
