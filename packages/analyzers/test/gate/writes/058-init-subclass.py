# class: binding
# why: __init_subclass__ writes when a subclass is merely defined
"""Plugin registry for feedback modes; each mode sets its default gain."""
import epics


class FeedbackMode:
    def __init_subclass__(cls, gain_pv=None, gain=0.0, **kw):
        super().__init_subclass__(**kw)
        if gain_pv:
            epics.caput(gain_pv, gain)


class SlowOrbit(FeedbackMode, gain_pv="SR:SOFB:GAIN_SP", gain=0.3):
    pass


print("modes:", FeedbackMode.__subclasses__())
