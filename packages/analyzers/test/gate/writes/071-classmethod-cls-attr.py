# class: binding
# why: pvaccess Channel kept as a class attribute and written through cls in a classmethod
"""Global LLRF enable shared by all cavity helpers."""
import pvaccess


class Cavity:
    enable = pvaccess.Channel("SR:RF:LLRF:ENABLE_CMD")

    @classmethod
    def enable_all(cls, on=True):
        cls.enable.put(1 if on else 0)


class Cavity1(Cavity):
    pass


Cavity1.enable_all(True)
