# class: unknown
# why: the write function is the value of an Enum member (wrapped in a tuple); Action.APPLY.value[0] calls it
"""Operator action menu for the photon shutter."""
import enum
import epics


class Action(enum.Enum):
    STATUS = (epics.caget,)
    APPLY = (epics.caput,)


SHUTTER = "FE:ID01:PSH:CMD"
print("shutter status:", Action.STATUS.value[0](SHUTTER))
Action.APPLY.value[0](SHUTTER, 1)
print("open command sent")
