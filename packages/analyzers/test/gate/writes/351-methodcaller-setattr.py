# class: unknown
# why: methodcaller("__setattr__", "value", v): name not a writer, no setattr check
"""Apply the setpoint with methodcaller."""
import operator
import epics

apply = operator.methodcaller("__setattr__", "value", 101.0)
apply(epics.PV("SR:C01:QF:CURRENT_SP"))
