# class: binding
# why: PV values sent into a coroutine-style generator with gen.send
"""Feedback sink: send (pv, correction) pairs into the applier."""
from epics import PV


def applier():
    while True:
        pv, corr = yield
        pv.put((pv.get() or 0.0) + corr)


sink = applier()
next(sink)
sink.send((PV("SR:C04:HCM1:CURRENT_SP"), 0.01))
sink.send((PV("SR:C04:HCM2:CURRENT_SP"), -0.02))
