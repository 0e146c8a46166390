# class: unknown
# why: map(setattr, [pv], ['value'], [x]): setattr passed as a value writes pv.value
"""Assign values through map."""
import epics

chs = [epics.PV("SR:C01:QF:CURRENT_SP")]
list(map(setattr, chs, ["value"], [101.0]))
