# expect: epics-write
# why: put method of a PV fetched with a concatenated attribute name
# tricky
from epics import PV

sp = PV("SR:Q18:CURRENT_SP")
getattr(sp, "pu" + "t")(11.0)
