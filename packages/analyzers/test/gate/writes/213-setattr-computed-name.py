# class: binding
# why: setattr(obj, computed_name, pv) binds no attribute slot
"""Attach channels to a holder under computed names."""
import epics


class Holder:
    pass


h = Holder()
for fam in ["qf", "qd"]:
    setattr(h, fam, epics.PV(f"SR:C01:{fam.upper()}:CURRENT_SP"))
h.qf.put(101.0, wait=True)
