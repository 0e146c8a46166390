# class: binding
# why: descriptor __set__(self, obj, value): value gets nothing from `obj.attr = pv`
"""Descriptor that zeroes whatever channel is assigned."""
import epics


class Zeroing:
    def __set__(self, obj, ch):
        ch.put(0.0, wait=True)


class Rig:
    target = Zeroing()


r = Rig()
r.target = epics.PV("SR:C01:QF:CURRENT_SP")
