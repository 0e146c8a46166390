# class: unknown
# why: caput is imported, then called as an attribute of the __main__ module (import __main__ as here)
"""Scan helper: reach the imported functions through the main module."""
import __main__ as here
from epics import caget, caput  # noqa: F401

SETPOINT = "SR:C10:SKEW:CURRENT_SP"
values = [0.0, 0.5, 1.0, 0.5, 0.0]

for v in values:
    here.caput(SETPOINT, v, wait=True)
    print(f"{SETPOINT} = {here.caget(SETPOINT)}")
