# class: binding
# why: __call__ on a user object writes; the call site looks like a function call
"""Knob object used by the tune-feedback loop."""
from epics import PV


class Knob:
    def __init__(self, name, gain):
        self._pv = PV(name)
        self.gain = gain

    def __call__(self, error):
        self._pv.put((self._pv.get() or 0.0) - self.gain * error)


qx_knob = Knob("SR:TUNE:KNOB_QX_SP", 0.5)
err = (PV("SR:TUNE:X").get() or 0.22) - 0.22
qx_knob(err)
