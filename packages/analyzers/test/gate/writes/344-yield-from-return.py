# class: binding
# why: `x = yield from gen()` is the sent value to the model, not gen's return (a PV)
"""Sub-generator opens the channel and returns it."""
import epics


def opener(name):
    return epics.PV(name)
    yield


def plan():
    ch = yield from opener("SR:C01:QF:CURRENT_SP")
    ch.put(101.0, wait=True)
    yield "done"


for step in plan():
    print(step)
