# class: binding
# why: self.__class__.attr: __class__ is not resolved to the class
"""Class-level channel reached through __class__."""
import epics


class Quad:
    channel = epics.PV("SR:C01:QF:CURRENT_SP")

    def zero(self):
        self.__class__.channel.put(0.0, wait=True)


Quad().zero()
