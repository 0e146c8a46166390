# class: callback
# why: heapq.nsmallest(n, pvs, key=f): result = key function's results, PVs dropped
"""Zero the corrector with the smallest name."""
import heapq
import epics


def name_of(ch):
    return ch.pvname


chs = [epics.PV("SR:C01:HCM1:CURRENT_SP"), epics.PV("SR:C01:HCM2:CURRENT_SP")]
for ch in heapq.nsmallest(1, chs, key=name_of):
    ch.put(0.0, wait=True)
