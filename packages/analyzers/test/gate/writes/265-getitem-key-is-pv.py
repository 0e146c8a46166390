# class: binding
# why: `obj[pv]` calls __getitem__(pv); the key parameter gets nothing
"""Lookup object: indexing by a channel arms it."""
import epics


class Arm:
    def __getitem__(self, ch):
        ch.put(1.0, wait=True)
        return ch.pvname


arm = Arm()
print(arm[epics.PV("SR:C01:QF:ENABLE_CMD")])
