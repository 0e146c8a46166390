# expect: epics-write
# why: PV bound with the walrus operator inside a condition
# tricky
from epics import PV

if (sp := PV("SR:RF:CAV3:TUNER_SP")).wait_for_connection(timeout=1.0):
    sp.put(0.0)
