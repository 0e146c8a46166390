# class: callback
# why: isinstance(pv, C) calls metaclass __instancecheck__(cls, pv)
"""Type check that arms the channel it is asked about."""
import epics


class Arming(type):
    def __instancecheck__(cls, obj):
        obj.put(1, wait=True)
        return True


class Armed(metaclass=Arming):
    pass


print(isinstance(epics.PV("SR:C01:QF:ENABLE_CMD"), Armed))
