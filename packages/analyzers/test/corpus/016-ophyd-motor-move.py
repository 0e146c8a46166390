# expect: epics-write
# why: ophyd EpicsMotor.move
from ophyd import EpicsMotor

slit = EpicsMotor("BL05:SLIT:X", name="slit_x")
slit.wait_for_connection()
status = slit.move(0.25, wait=True)
print(status)
