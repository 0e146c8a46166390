# class: binding
# why: `**chans: T` typed kwargs not recognised; keyword args dropped
"""Apply values by keyword."""
import epics


def apply(**chans: epics.PV):
    chans["qf"].put(101.0, wait=True)


apply(qf=epics.PV("SR:C01:QF:CURRENT_SP"))
