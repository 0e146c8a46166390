# class: binding
# why: PV used as the key of `obj[pv] = v`; __setitem__'s key parameter gets nothing
"""Setpoint table keyed by channel."""
import epics


class Table:
    def __setitem__(self, ch, value):
        ch.put(value, wait=True)


t = Table()
t[epics.PV("SR:C01:QF:CURRENT_SP")] = 101.0
