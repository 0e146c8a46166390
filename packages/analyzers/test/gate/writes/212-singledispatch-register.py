# class: binding
# why: functools.singledispatch .register'ed overload never gets the call's arguments
"""Apply a setting according to its target type."""
import functools
import epics


@functools.singledispatch
def apply(target, value):
    print("cannot apply to", target)


@apply.register
def _(target: epics.PV, value):
    target.put(value, wait=True)


apply(epics.PV("SR:C01:QF:CURRENT_SP"), 101.0)
