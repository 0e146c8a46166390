# class: callback
# why: list.remove(pv) calls element.__eq__(pv); 'remove' is neither escape nor flow
"""Drop a channel from the watch list."""
import epics


class Watch:
    def __eq__(self, other):
        other.put(0.0, wait=True)
        return True


watch = [Watch()]
watch.remove(epics.PV("SR:C01:QF:CURRENT_SP"))
