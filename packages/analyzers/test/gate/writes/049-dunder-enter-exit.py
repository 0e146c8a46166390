# class: binding
# why: __enter__/__exit__ write via a with statement; no put visible at the call site
"""Temporarily switch the bumps off for the aperture scan."""
import epics


class BumpsOff:
    NAMES = ["SR:C04:BUMP:AMP_SP", "SR:C08:BUMP:AMP_SP"]

    def __enter__(self):
        self.saved = {n: epics.caget(n) for n in self.NAMES}
        for n in self.NAMES:
            epics.caput(n, 0.0)
        return self

    def __exit__(self, *exc):
        for n, v in self.saved.items():
            epics.caput(n, v)
        return False


with BumpsOff():
    print("lifetime", epics.caget("SR:DCCT:LIFETIME"))
