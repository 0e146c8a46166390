# class: binding
# why: `*chans: T` typed varargs not recognised as varargs; extra args dropped
"""Apply a value to channels."""
import epics


def apply(value, *chans: epics.PV):
    for ch in chans[1:]:
        ch.put(value, wait=True)


apply(101.0, None, epics.PV("SR:C01:QF:CURRENT_SP"))
