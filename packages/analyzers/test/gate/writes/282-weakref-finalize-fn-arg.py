# class: callback
# why: weakref.finalize(obj, callable_instance, pv, fn): function arg suppresses EPICS005
"""Restore when the session object goes away."""
import weakref
import epics


class Session:
    pass


def fmt(v):
    return f"{v:.2f}"


class Restore:
    def __call__(self, ch, formatter):
        ch.put(101.0, wait=True)
        print("restored", formatter(101.0))


s = Session()
weakref.finalize(s, Restore(), epics.PV("SR:C01:QF:CURRENT_SP"), fmt)
del s
