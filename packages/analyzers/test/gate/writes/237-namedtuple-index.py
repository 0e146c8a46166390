# class: binding
# why: NamedTuple instance indexed `s[0]`: subscript of an instance gives the instance
"""Setting record as a NamedTuple."""
import typing
import epics


class Setting(typing.NamedTuple):
    channel: object
    value: float


s = Setting(epics.PV("SR:C01:QF:CURRENT_SP"), 101.0)
s[0].put(s[1], wait=True)
