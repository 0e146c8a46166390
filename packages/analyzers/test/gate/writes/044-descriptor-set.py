# class: binding
# why: descriptor __set__ writes; a plain attribute assignment on the instance triggers it
"""Standardize the sector-2 magnets through the Magnet model."""
import epics


class Setpoint:
    def __set_name__(self, owner, name):
        self.field = name.upper()

    def __get__(self, obj, objtype=None):
        return epics.caget(f"{obj.prefix}:{self.field}_SP")

    def __set__(self, obj, value):
        epics.caput(f"{obj.prefix}:{self.field}_SP", value)


class Magnet:
    current = Setpoint()

    def __init__(self, prefix):
        self.prefix = prefix


qf = Magnet("SR:C02:QF")
qf.current = 100.8
print(qf.current)
