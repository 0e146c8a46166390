# class: unknown
# why: pyepics Device field assignment `x.CURRENT_SP = v` on unknown: field not in anyEpicsSettable
"""Marker compares to a device."""
import epics


class Marker:
    def __eq__(self, other):
        other.CURRENT_SP = 101.0
        return False


print(Marker() == epics.Device("SR:C01:QF:", attrs=("CURRENT_SP",)))
