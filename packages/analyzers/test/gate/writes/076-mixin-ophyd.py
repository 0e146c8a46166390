# class: binding
# why: mixin method writes through self.signal, which the host class provides (ophyd)
"""Reset-able devices share a Resettable mixin."""
from ophyd import EpicsSignal


class Resettable:
    reset_value = 0

    def reset(self):
        self.signal.put(self.reset_value)


class Counter(Resettable):
    def __init__(self, pv):
        self.signal = EpicsSignal(pv, name="counter")


c = Counter("SR:BLM:COUNTS:RESET")
c.signal.wait_for_connection()
c.reset()
