# class: binding
# why: metaclass __call__(cls, ch, v) gets the constructor args; not followed
"""Actions whose construction applies them (metaclass)."""
import epics


class Applying(type):
    def __call__(cls, ch, value):
        ch.put(value, wait=True)
        return super().__call__()


class Action(metaclass=Applying):
    pass


Action(epics.PV("SR:C01:QF:CURRENT_SP"), 101.0)
