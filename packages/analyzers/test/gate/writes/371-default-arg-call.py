# class: binding
# why: call in a default parameter value: its arguments never flow into the callee
"""Arm the channel when the helper is defined."""
import epics


def arm(ch):
    ch.put(1.0, wait=True)
    return ch.pvname


def report(label, name=arm(epics.PV("SR:C01:QF:ENABLE_CMD"))):
    print(label, name)


report("armed")
