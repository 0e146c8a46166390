# class: callback
# why: bps.mv wrapped in functools.partial and handed to bps.repeat; RunEngine executes it
"""Park the mirror pitch once via the RunEngine."""
from functools import partial
from bluesky import RunEngine
import bluesky.plan_stubs as bps
from ophyd import EpicsMotor

pitch = EpicsMotor("BL05:M1:PITCH", name="pitch")
pitch.wait_for_connection()
RE = RunEngine({})
RE(bps.repeat(partial(bps.mv, pitch, 0.0), num=1))
print("pitch", pitch.position)
