# class: binding
# why: `with C() as x` binds the instance, not what __enter__ returns (a PV)
"""Open a channel in a context manager and set it."""
import epics


class Channel:
    def __init__(self, name):
        self.name = name

    def __enter__(self):
        return epics.PV(self.name)

    def __exit__(self, *exc):
        return False


with Channel("SR:C01:QF:CURRENT_SP") as ch:
    ch.put(101.0, wait=True)
