# class: outside
# why: copy.copy calls the object's __reduce__, whose callable is caproto's write; no pickle involved
"""Snapshot object for a magnet setting; copying it re-applies the setting."""
import copy
from caproto.sync import client as ca


class Setting:
    def __init__(self, pv, value):
        self.pv, self.value = pv, value

    def __reduce__(self):
        return (ca.write, (self.pv, [self.value]))


snap = Setting("SR:C04:QF:CURRENT_SP", 100.9)
backup = copy.copy(snap)
print("snapshot duplicated:", backup)
