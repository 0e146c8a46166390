# class: callback
# why: atexit.register(callable_instance, pv, SomeClass): class arg suppresses EPICS005
"""Restore at exit with a callable restorer."""
import atexit
import epics


class Units:
    scale = 1.0


class Restore:
    def __call__(self, ch, units):
        ch.put(101.0 * units.scale, wait=True)


atexit.register(Restore(), epics.PV("SR:C01:QF:CURRENT_SP"), Units)
