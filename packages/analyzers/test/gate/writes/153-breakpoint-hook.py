# class: outside
# why: PYTHONBREAKPOINT names epics.caput, so the builtin breakpoint(pv, value) calls caput
"""Debug-friendly ramp of the booster dipole."""
import os

os.environ["PYTHONBREAKPOINT"] = "epics.caput"

TARGET = "BR:DIP:CURRENT_SP"
for amps in (200.0, 400.0, 600.0):
    print("ramping to", amps)
    breakpoint(TARGET, amps, wait=True)
print("ramp complete")
