# class: binding
# why: `a = b = c = pv`: the outermost target of a 3-chain gets nothing
"""Aliases for the setpoint."""
import epics

sp = qf = main = epics.PV("SR:C01:QF:CURRENT_SP")
sp.put(101.0, wait=True)
