# class: binding
# why: PV stored as an attribute of a function object
"""Cache the channel on the function object."""
import epics


def apply(value):
    apply.ch.put(value, wait=True)


apply.ch = epics.PV("SR:C01:QF:CURRENT_SP")
apply(101.0)
