# class: binding
# why: call in a return annotation (evaluated at def time): arguments never flow
"""Annotated helper."""
import epics


def unit_of(ch):
    ch.put(101.0, wait=True)
    return float


def scale(x) -> unit_of(epics.PV("SR:C01:QF:CURRENT_SP")):
    return 2 * x


print(scale(1.0))
