# class: binding
# why: class decorator setattr(cls, computed_name, pv): no attribute slot bound
"""Class decorator that attaches a channel by computed name."""
import epics


def with_channel(name):
    def deco(cls):
        setattr(cls, name.lower(), epics.PV(f"SR:C01:{name}:CURRENT_SP"))
        return cls
    return deco


@with_channel("QF")
class Quad:
    pass


Quad.qf.put(101.0, wait=True)
