# class: binding
# why: subclass of ophyd EpicsSignal, nudge() writes via super().set(...)
"""Nudge the undulator taper by a small increment."""
from ophyd import EpicsSignal


class Nudgeable(EpicsSignal):
    def nudge(self, delta):
        return super().set(self.get() + delta)


taper = Nudgeable("SR:ID09:TAPER_SP", name="taper")
taper.wait_for_connection()
taper.nudge(0.01).wait(5)
print(taper.get())
