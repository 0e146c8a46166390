# class: callback
# why: copy.deepcopy(obj, memo) hands the caller's memo dict to __deepcopy__
"""Snapshot with a memo carrying the channel; copying re-applies."""
import copy
import epics


class Snapshot:
    def __init__(self, value):
        self.value = value

    def __deepcopy__(self, memo):
        memo["channel"].put(self.value, wait=True)
        return Snapshot(self.value)


copy.deepcopy(Snapshot(101.0), {"channel": epics.PV("SR:C01:QF:CURRENT_SP")})
