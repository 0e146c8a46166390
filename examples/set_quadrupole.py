"""Set a quadrupole current: a machine change, so pyexec asks for approval first."""

from epics import caput as set_pv

setpoint_a = 12.5
set_pv("SR:Q01:CURRENT_SP", setpoint_a, wait=True)
results = {"pv": "SR:Q01:CURRENT_SP", "setpoint_a": setpoint_a}
