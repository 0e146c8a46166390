# class: binding
# why: inherited __call__ not followed
"""Factory subclass called like a function."""
import epics


class Factory:
    def __call__(self, name):
        return epics.PV(name)


class QuadFactory(Factory):
    pass


QuadFactory()("SR:C01:QF:CURRENT_SP").put(101.0, wait=True)
