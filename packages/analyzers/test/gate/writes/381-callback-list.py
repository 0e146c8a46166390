# class: callback
# why: epics.PV(callback=[f]): functions inside a list are not followed; f gets cb_info=(i, pv)
"""Monitor with a list of callbacks."""
import time
import epics


def on_change(pvname=None, value=None, cb_info=None, **kw):
    cb_info[1].put(101.0)


ch = epics.PV("SR:C01:QF:CURRENT_SP", callback=[on_change])
time.sleep(2)
