# class: callback
# why: contextlib.closing calls .close(), which writes the restore value
"""Temporarily detune the harmonic cavity; closing() restores the tuner."""
import contextlib
import epics


class Detune:
    def __init__(self, name, offset):
        self.pv = epics.PV(name)
        self.saved = self.pv.get()
        self.offset = offset

    def close(self):
        self.pv.put(self.saved, wait=True)


with contextlib.closing(Detune("SR:HC:TUNER:POS_SP", 50.0)) as d:
    print("measuring with saved tuner", d.saved)
