# class: binding
# why: class-body comprehension's outer iterable resolved skipping the class scope
"""Rig with its setpoints picked in the class body."""
import epics


class Rig:
    chans = [epics.PV("SR:C01:QF:CURRENT_SP"), epics.PV("SR:C01:QF:CURRENT_RB")]
    setpoints = [c for c in chans if c.pvname.endswith("_SP")]


for ch in Rig.setpoints:
    ch.put(101.0, wait=True)
