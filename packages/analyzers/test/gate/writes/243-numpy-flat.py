# class: unknown
# why: numpy object array: `.flat` is a container attribute, so its elements are lost
"""Channels in an object array."""
import numpy as np
import epics

arr = np.empty(2, dtype=object)
arr[0] = epics.PV("SR:C01:QF:CURRENT_SP")
arr[1] = epics.PV("SR:C01:QD:CURRENT_SP")
for ch in arr.flat:
    ch.put(0.0, wait=True)
