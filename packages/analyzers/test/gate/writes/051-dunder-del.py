# class: binding
# why: __del__ writes the restore value when the guard object is collected
"""Guard object: the gun laser shutter is closed again when we're done."""
from epics import PV


class ShutterGuard:
    def __init__(self):
        self.pv = PV("LI:LASER:SHUTTER_CMD")

    def __del__(self):
        self.pv.put(0)  # close


g = ShutterGuard()
print("charge", PV("LI:GUN:CHARGE").get())
del g
