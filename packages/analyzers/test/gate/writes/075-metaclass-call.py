# class: binding
# why: metaclass __call__ writes when the class is instantiated
"""Every instrument instance arms its trigger on creation."""
import epics


class Arming(type):
    def __call__(cls, *args, **kwargs):
        obj = super().__call__(*args, **kwargs)
        epics.caput(obj.trigger, 1)
        return obj


class Scope(metaclass=Arming):
    def __init__(self, prefix):
        self.trigger = prefix + ":ARM_CMD"


s = Scope("LI:SCOPE2")
print("armed", s.trigger)
