# expect: epics-write
# why: subclass of epics.PV with a helper that calls self.put
# tricky
import epics


class ClampedPV(epics.PV):
    def set_clamped(self, value, lo=-1.0, hi=1.0):
        self.put(min(hi, max(lo, value)))


ClampedPV("SR:C13:HCM:SP").set_clamped(2.0)
