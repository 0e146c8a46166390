# class: binding
# why: class keyword `class S(Base, channel=pv)` never reaches __init_subclass__
"""Modes register their channel at class definition time."""
import epics


class Mode:
    def __init_subclass__(cls, channel=None, **kw):
        super().__init_subclass__(**kw)
        if channel is not None:
            channel.put(1, wait=True)


class Standby(Mode, channel=epics.PV("SR:RF:MODE_CMD")):
    pass
