# class: unknown
# why: partial(type(pv).value.fset, pv)(x): property setter taken off the class, partial hides pv from EPICS005
"""Property setter taken from the class."""
import functools
import epics

ch = epics.PV("SR:C01:QF:CURRENT_SP")
setter = functools.partial(type(ch).value.fset, ch)
setter(101.0)
