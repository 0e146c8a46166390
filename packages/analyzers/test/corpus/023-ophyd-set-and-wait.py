# expect: epics-write
# why: ophyd set_and_wait helper on an EpicsSignal
from ophyd import EpicsSignal
from ophyd.utils.epics_pvs import set_and_wait

att = EpicsSignal("BL05:ATT:SP", name="att")
set_and_wait(att, 3)
