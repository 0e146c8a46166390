# class: binding
# why: __getattr__ forwards an innocent-looking name ("apply") to the wrapped PV's put
"""Thin adapter so old scripts calling .apply() still work with pyepics."""
from epics import PV


class Adapter:
    ALIASES = {"apply": "put", "read": "get"}

    def __init__(self, name):
        self._pv = PV(name)

    def __getattr__(self, attr):
        return getattr(self._pv, self.ALIASES.get(attr, attr))


hc = Adapter("SR:C09:HCM3:CURRENT_SP")
hc.apply(0.0)
print(hc.read())
