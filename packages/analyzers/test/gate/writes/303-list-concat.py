# class: binding
# why: `[pv] + []`: binary operators on containers give nothing
"""Channels concatenated."""
import epics

chans = [epics.PV("SR:C01:QF:CURRENT_SP")] + []
chans[0].put(101.0, wait=True)
