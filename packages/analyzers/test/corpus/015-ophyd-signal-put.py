# expect: epics-write
# why: ophyd EpicsSignal.put
from ophyd import EpicsSignal

shutter = EpicsSignal("BL05:SHUTTER:CMD", name="shutter")
shutter.wait_for_connection()
shutter.put(1)
