# class: binding
# why: ExitStack.enter_context(cm) returns cm.__enter__()'s PV; model returns cm
"""Open the channel in an exit stack."""
import contextlib
import epics


class Opened:
    def __init__(self, name):
        self.name = name

    def __enter__(self):
        return epics.PV(self.name)

    def __exit__(self, *exc):
        return False


with contextlib.ExitStack() as stack:
    ch = stack.enter_context(Opened("SR:C01:QF:CURRENT_SP"))
    ch.put(101.0, wait=True)
