# class: unknown
# why: getattr(obj, 'missing', pv): the default argument is ignored
"""Take the channel from the config, or a default one."""
import epics


class Config:
    pass


ch = getattr(Config(), "channel", epics.PV("SR:C01:QF:CURRENT_SP"))
ch.put(101.0, wait=True)
