# class: binding
# why: defaultdict factory creates PVs; items fetched by subscription then written
"""Cache of PV objects for the restore routine."""
from collections import defaultdict
from epics import PV


class PVCache(defaultdict):
    def __missing__(self, key):
        self[key] = PV(key)
        return self[key]


cache = PVCache()
saved = {"SR:C06:HCM1:CURRENT_SP": 0.04, "SR:C06:HCM2:CURRENT_SP": -0.01}
for name, value in saved.items():
    cache[name].put(value)
