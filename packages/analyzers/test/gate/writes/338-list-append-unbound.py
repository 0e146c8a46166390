# class: binding
# why: list.append(lst, pv): unbound container method binds the `list` builtin, not lst; storing name skips escape
"""Collect channels with list.append."""
import epics

chans = []
list.append(chans, epics.PV("SR:C01:QF:CURRENT_SP"))
chans[0].put(101.0, wait=True)
