# expect: epics-write
# why: bluesky plan stub moves an EpicsMotor through the RunEngine
# tricky
from bluesky import RunEngine
from bluesky.plan_stubs import mv
from ophyd import EpicsMotor

RE = RunEngine({})
theta = EpicsMotor("BL05:MONO:THETA", name="theta")
RE(mv(theta, 12.5))
