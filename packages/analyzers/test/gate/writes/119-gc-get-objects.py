# class: unknown
# why: the PV is found again by scanning gc.get_objects(); the put is on the object fished out of the heap
"""Check all connected PVs and restore the one for the scraper."""
import gc
import epics

for name in ("SR:SCR:H1:POS_RB", "SR:SCR:H1:POS_SP", "SR:SCR:V1:POS_RB"):
    epics.get_pv(name)
epics.ca.poll()

for obj in gc.get_objects():
    if isinstance(obj, epics.PV) and obj.pvname.endswith("H1:POS_SP"):
        obj.put(-12.0, wait=True)
        print("scraper restored:", obj.pvname)
        break
