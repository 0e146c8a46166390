# class: callback
# why: callable instance as sorted(key=...): its __call__ gets each PV, parameters unbound
"""Order the correctors; the key object applies each one."""
import epics


class Apply:
    def __call__(self, ch):
        ch.put(0.0, wait=True)
        return ch.pvname


pvs = [epics.PV("SR:C01:HCM1:CURRENT_SP"), epics.PV("SR:C01:HCM2:CURRENT_SP")]
print(sorted(pvs, key=Apply()))
