# class: binding
# why: metaclass __getitem__: `Cls[name]` on a class value is not followed
"""Channels by class subscription through the metaclass."""
import epics


class Bank(type):
    def __getitem__(cls, name):
        return epics.PV(name)


class Sector(metaclass=Bank):
    pass


Sector["SR:C01:QF:CURRENT_SP"].put(101.0, wait=True)
