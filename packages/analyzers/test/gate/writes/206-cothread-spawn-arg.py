# class: callback
# why: cothread.Spawn(f, pv): EPICS-neutral callee, so f's plain parameters get nothing
"""Background set with cothread."""
import cothread
import epics


def worker(ch, v):
    ch.put(v, wait=True)


task = cothread.Spawn(worker, epics.PV("SR:C01:QF:CURRENT_SP"), 101.0)
task.Wait()
