# class: callback
# why: cothread.Spawn(f, target=pv): keyword args of an EPICS-neutral call not passed to f
"""Background cothread task with a pyepics channel keyword."""
import cothread
import epics


def worker(target=None, value=0.0):
    target.put(value, wait=True)


cothread.Spawn(worker, target=epics.PV("SR:C01:QF:CURRENT_SP"), value=101.0).Wait()
