# expect: epics-read
# why: PV.get on a readback, read only
from epics import PV

rb = PV("SR:PS:Q01:CURRENT_RB")
print(rb.get(timeout=2.0), rb.units)
