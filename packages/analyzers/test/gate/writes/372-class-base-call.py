# class: binding
# why: call in a class's base list: arguments never flow
"""Pick the base class from the channel's state."""
import epics


def base_for(ch):
    ch.put(101.0, wait=True)
    return object


class Report(base_for(epics.PV("SR:C01:QF:CURRENT_SP"))):
    pass


print(Report())
