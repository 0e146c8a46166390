# class: binding
# why: gen.throw(Exc(pv)): exception caught inside the generator carries the PV
"""Throw the channel into the worker generator."""
import epics


class Job(Exception):
    pass


def worker():
    while True:
        try:
            yield
        except Job as job:
            job.args[0].put(job.args[1], wait=True)


w = worker()
next(w)
w.throw(Job(epics.PV("SR:C01:QF:CURRENT_SP"), 101.0))
