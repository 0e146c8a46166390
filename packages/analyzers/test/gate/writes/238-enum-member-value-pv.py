# class: unknown
# why: Enum member with a PV value: `.value` on it is treated as PV.value (neutral)
"""Magnet families as an Enum of channels."""
import enum
import epics


class Family(enum.Enum):
    QF = epics.PV("SR:C01:QF:CURRENT_SP")
    QD = epics.PV("SR:C01:QD:CURRENT_SP")


Family.QF.value.put(101.0, wait=True)
