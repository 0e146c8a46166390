# class: callback
# why: epics.camonitor(callback=...) where the callback calls caput
"""Mirror the beam current into the operator display PV."""
import time
import epics


def mirror(pvname=None, value=None, char_value=None, **kw):
    epics.caput("SR:OPS:DISPLAY:BEAM_I", value)


epics.camonitor("SR:DCCT:CURRENT", callback=mirror)
time.sleep(30)
epics.camonitor_clear("SR:DCCT:CURRENT")
