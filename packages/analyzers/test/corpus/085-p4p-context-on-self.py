# expect: epics-write
# why: p4p Context from a module alias, stored on self and used in a method
# tricky
import p4p.client.thread as pva


class OrbitRef:
    def __init__(self):
        self.ctx = pva.Context("pva")

    def zero(self, pvs):
        self.ctx.put(pvs, [0.0] * len(pvs))


OrbitRef().zero(["SR:ORBIT:REF_X", "SR:ORBIT:REF_Y"])
