# class: binding
# why: PV-like object (pyepics Device) as a dict-literal key: pairs keep only values
"""Setpoints keyed by device."""
import epics

targets = {epics.Device("SR:C01:QF:", attrs=("CURRENT_SP",)): 101.0}
for dev, val in targets.items():
    dev.put("CURRENT_SP", val, wait=True)
