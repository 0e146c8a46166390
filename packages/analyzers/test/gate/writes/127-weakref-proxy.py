# class: unknown
# why: the PV is reached through weakref.proxy, an untracked wrapper that forwards .put
"""Keep a weak registry of channels and reset the vacuum interlock threshold."""
import weakref
from epics import PV

_registry = {}
threshold = PV("SR:VAC:C01:ILK_THRESH_SP")
_registry["ilk"] = weakref.proxy(threshold)

handle = _registry["ilk"]
print("threshold:", handle.get())
handle.put(5.0e-8, wait=True)
print("threshold reset")
