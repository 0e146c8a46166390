# class: binding
# why: for-loop over an object with only __getitem__ (old sequence protocol)
"""Old-style sequence of channels."""
import epics


class Sector:
    names = ["SR:C01:QF:CURRENT_SP"]

    def __getitem__(self, i):
        return epics.PV(self.names[i])


for ch in Sector():
    ch.put(101.0, wait=True)
