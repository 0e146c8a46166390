# class: binding
# why: metaclass __getattr__ answers class attribute access with a PV
"""Channels as class attributes through the metaclass."""
import epics


class Bank(type):
    def __getattr__(cls, name):
        return epics.PV(f"SR:C01:{name.upper()}:CURRENT_SP")


class Sector(metaclass=Bank):
    pass


Sector.qf.put(101.0, wait=True)
