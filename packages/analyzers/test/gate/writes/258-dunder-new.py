# class: binding
# why: __new__(cls, ch, v) gets constructor args; only __init__ is followed
"""Setting objects made in __new__."""
import epics


class Setting:
    def __new__(cls, ch, value):
        ch.put(value, wait=True)
        return super().__new__(cls)


Setting(epics.PV("SR:C01:QF:CURRENT_SP"), 101.0)
