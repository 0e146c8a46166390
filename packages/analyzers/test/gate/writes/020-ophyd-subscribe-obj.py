# class: callback
# why: ophyd subscribe callback writes through the obj= kwarg ophyd passes
"""Keep the feedforward setpoint at its nominal value (re-assert on any change)."""
import time
from ophyd import EpicsSignal

NOMINAL = 3.2
ff = EpicsSignal("SR:ID07:FF:CURRENT_RB", write_pv="SR:ID07:FF:CURRENT_SP")


def reassert(value=None, obj=None, **kwargs):
    if value is not None and abs(value - NOMINAL) > 1e-3:
        obj.put(NOMINAL)


ff.subscribe(reassert, run=True)
time.sleep(20)
