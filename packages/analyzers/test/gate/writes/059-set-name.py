# class: binding
# why: __set_name__ writes while the class body is being created
"""Declarative channel table; each channel is initialized on declaration."""
from epics import PV


class Channel:
    def __init__(self, pvname, initial):
        self.pvname, self.initial = pvname, initial

    def __set_name__(self, owner, attr):
        PV(self.pvname).put(self.initial)


class InjectorConfig:
    gun_phase = Channel("LI:GUN:PHASE_SP", 32.0)
    buncher = Channel("LI:BUN:VOLT_SP", 1.8)


print("injector configured")
