# class: unknown
# why: getattr(user_obj, computed_name) gives nothing (only modules/EPICS objects are looked at)
"""Holder of the sector channels, picked by name."""
import epics


class Holder:
    pass


h = Holder()
h.qf = epics.PV("SR:C01:QF:CURRENT_SP")
which = "q" + "f"
getattr(h, which).put(101.0, wait=True)
