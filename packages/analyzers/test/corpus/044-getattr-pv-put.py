# expect: epics-write
# why: bound put method fetched with getattr on a PV
# tricky
from epics import PV

pv = PV("BL05:MONO:ENERGY_SP")
getattr(pv, "put")(8.333)
