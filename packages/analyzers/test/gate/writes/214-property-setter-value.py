# class: binding
# why: property setter's value parameter gets nothing from `obj.prop = pv`
"""Target property: assigning a channel zeroes it."""
import epics


class Target:
    @property
    def channel(self):
        return None

    @channel.setter
    def channel(self, ch):
        ch.put(0.0, wait=True)


t = Target()
t.channel = epics.PV("SR:C01:QF:CURRENT_SP")
