# class: unknown
# why: functools.partial(setattr, pv, 'value')(x): setattr check looks at the wrong positional
"""Setter made with partial."""
import functools
import epics

set_value = functools.partial(setattr, epics.PV("SR:C01:QF:CURRENT_SP"), "value")
set_value(101.0)
