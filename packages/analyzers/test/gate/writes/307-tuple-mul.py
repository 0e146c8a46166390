# class: binding
# why: `(pv,) * 2`: sequence repetition gives nothing
"""Channels repeated."""
import epics

chans = (epics.PV("SR:C01:QF:CURRENT_SP"),) * 2
chans[0].put(101.0, wait=True)
