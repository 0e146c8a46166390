# expect: epics-write
# why: PV.put called unbound through the class with the instance as argument
# tricky
from epics import PV

sp = PV("SR:Q19:CURRENT_SP")
PV.put(sp, 4.0, wait=True)
