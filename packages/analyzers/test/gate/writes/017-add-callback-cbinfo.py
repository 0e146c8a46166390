# class: callback
# why: pyepics monitor callback writes through kw["cb_info"][1], the PV object pyepics passes in
"""Clamp watchdog: if the septum setpoint exceeds the limit, pull it back."""
import time
import epics

LIMIT = 250.0


def clamp(pvname=None, value=None, **kw):
    if value is not None and value > LIMIT:
        kw["cb_info"][1].put(LIMIT)


septum = epics.PV("BR:EXT:SEPT:CURRENT_SP")
septum.add_callback(clamp, with_ctrlvars=False)
septum.put(septum.get())  # nudge so the monitor fires even if idle
time.sleep(5)
