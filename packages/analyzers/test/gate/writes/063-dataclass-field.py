# class: binding
# why: PV stored in a dataclass field and written by a method
"""Restore plan made of (PV, value) dataclass entries."""
from dataclasses import dataclass
from epics import PV


@dataclass
class Setting:
    pv: PV
    value: float

    def restore(self):
        self.pv.put(self.value, wait=True)


plan = [Setting(PV("SR:C01:SF:CURRENT_SP"), 180.2), Setting(PV("SR:C01:SD:CURRENT_SP"), -171.0)]
for s in plan:
    s.restore()
