# expect: epics-write
# why: PV imported from the epics.pv submodule
from epics.pv import PV

kicker = PV("BR:KICKER:DELAY_SP")
kicker.put(125.0)
