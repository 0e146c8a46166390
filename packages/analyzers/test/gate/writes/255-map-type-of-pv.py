# class: unknown
# why: map(type(pv), names): PV class reached by type(), called through map
"""Open setpoint channels of the readback's class."""
import epics

ref = epics.PV("SR:C01:QF:CURRENT_RB")
(sp,) = map(type(ref), ["SR:C01:QF:CURRENT_SP"])
sp.put(101.0, wait=True)
