# class: unknown
# why: vars(user_instance)['name'] is the instance itself to the model
"""Holder of the sector channels, picked through vars()."""
import epics


class Holder:
    def __init__(self):
        self.qf = epics.PV("SR:C01:QF:CURRENT_SP")


h = Holder()
vars(h)["qf"].put(101.0, wait=True)
