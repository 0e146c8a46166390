# expect: epics-write
# why: bound method PV.put stored in a variable and called later
# tricky
from epics import PV

apply = PV("LINAC:GUN:HV_SP").put
for kv in (80, 90, 100):
    apply(kv, wait=True)
