# class: binding
# why: `pv in obj` calls obj.__contains__(pv); parameter gets nothing
"""Membership check enables a channel."""
import epics


class Enabled:
    def __contains__(self, ch):
        ch.put(1, wait=True)
        return True


print(epics.PV("SR:C01:QF:ENABLE_CMD") in Enabled())
