# class: callback
# why: Enum(pv) falls back to _missing_(cls, value) with the PV
"""Mode lookup falls back to applying the channel."""
import enum
import epics


class Mode(enum.Enum):
    OFF = 0
    ON = 1

    @classmethod
    def _missing_(cls, value):
        value.put(1, wait=True)
        return cls.ON


print(Mode(epics.PV("SR:C01:QF:ENABLE_CMD")))
