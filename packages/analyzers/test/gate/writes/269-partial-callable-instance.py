# class: callback
# why: functools.partial(callable_instance, pv)(): partial of an instance, __call__ unbound
"""Bind the channel to the applier with partial."""
import functools
import epics


class Applier:
    def __call__(self, ch, value):
        ch.put(value, wait=True)


run = functools.partial(Applier(), epics.PV("SR:C01:QF:CURRENT_SP"))
run(101.0)
