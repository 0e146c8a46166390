# class: callback
# why: weakref.finalize schedules pv.put for when a session object is collected
"""Scan session that puts the chopper back to its parked position when done."""
import weakref
from epics import PV


class Session:
    pass


chopper = PV("LI:CHOP:POS_SP")
session = Session()
weakref.finalize(session, chopper.put, 0.0)

readings = [PV(f"LI:BPM{i}:X").get() for i in (1, 2, 3)]
print("readings", readings)
del session  # finalizer runs here
