# class: callback
# why: pv.callbacks[i] = (f, {}): callback registered by storing into the neutral callbacks dict
"""Register a monitor callback in the callbacks table."""
import time
import epics


def on_change(**kw):
    index, ch = kw["cb_info"]
    ch.remove_callback(index)
    ch.put(101.0)


ch = epics.PV("SR:C01:QF:CURRENT_SP", auto_monitor=True)
ch.callbacks[7] = (on_change, {})
time.sleep(2)
