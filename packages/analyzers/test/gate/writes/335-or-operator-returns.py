# class: binding
# why: user __or__ returns a PV; binary operators give nothing
"""Select a channel with the | operator."""
import epics


class Prefix:
    def __init__(self, prefix):
        self.prefix = prefix

    def __or__(self, suffix):
        return epics.PV(self.prefix + suffix)


(Prefix("SR:C01:QF:") | "CURRENT_SP").put(101.0, wait=True)
