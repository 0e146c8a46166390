# class: binding
# why: PV carried in exception __cause__.args
"""Carry the channel in the exception's cause."""
import epics


class Fault(Exception):
    pass


try:
    try:
        raise Fault(epics.PV("SR:C01:QF:CURRENT_SP"))
    except Fault as inner:
        raise RuntimeError("retry") from inner
except RuntimeError as outer:
    outer.__cause__.args[0].put(0.0, wait=True)
