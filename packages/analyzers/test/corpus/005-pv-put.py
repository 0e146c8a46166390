# expect: epics-write
# why: PV object put
from epics import PV

sp = PV("SR:RF:VOLTAGE_SP")
sp.wait_for_connection(timeout=2.0)
sp.put(1.8, wait=True)
