# class: callback
# why: executor.submit(callable_instance, pv, SomeClass): a class arg suppresses EPICS005, __call__ unbound
"""Apply in a worker pool."""
import concurrent.futures
import epics


class Units:
    scale = 1.0


class Applier:
    def __call__(self, ch, units):
        ch.put(101.0 * units.scale, wait=True)


with concurrent.futures.ThreadPoolExecutor() as pool:
    pool.submit(Applier(), epics.PV("SR:C01:QF:CURRENT_SP"), Units).result()
