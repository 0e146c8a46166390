# class: binding
# why: `for k, v in d.items()` binds only v, even when the keys are EPICS objects
"""Setpoints paired with their devices."""
import epics

devs = [epics.Device("SR:C01:QF:", attrs=("CURRENT_SP",))]
table = dict(zip(devs, [101.0]))
for dev, value in table.items():
    dev.put("CURRENT_SP", value, wait=True)
