# expect: epics-write
# why: setattr on a PV's value attribute
# tricky
from epics import PV

sp = PV("SR:Q07:CURRENT_SP")
setattr(sp, "value", 19.5)
