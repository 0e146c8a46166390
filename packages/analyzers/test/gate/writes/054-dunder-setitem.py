# class: binding
# why: __setitem__ writes; subscript assignment looks like a dict update
"""Restore the saved corrector pattern into the ring."""
from epics import PV


class Ring:
    def __getitem__(self, name):
        return PV(name).get()

    def __setitem__(self, name, value):
        PV(name).put(value, wait=True)


ring = Ring()
saved = {"SR:C01:VCM1:CURRENT_SP": 0.12, "SR:C02:VCM1:CURRENT_SP": -0.04}
for k, v in saved.items():
    ring[k] = v
