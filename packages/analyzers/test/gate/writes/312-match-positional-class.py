# class: binding
# why: `case Holder(target)` binds the subject, not its __match_args__ attribute
"""Match on a holder with __match_args__."""
import epics


class Holder:
    __match_args__ = ("ch",)

    def __init__(self, ch):
        self.ch = ch


def apply(h):
    match h:
        case Holder(target):
            target.put(101.0, wait=True)


apply(Holder(epics.PV("SR:C01:QF:CURRENT_SP")))
