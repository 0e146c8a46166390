# class: unknown
# why: a user class stores epics.caput on an attribute; getattr with a computed name on the helper instance reaches it
"""Tiny helper around the chicane, action chosen by a string."""
import epics


class Chicane:
    def __init__(self):
        self.read_ = epics.caget
        self.write_ = epics.caput
        self.pv = "LI:BC1:BEND_SP"

    def do(self, action, *args):
        fn = getattr(self, action + "_")
        return fn(self.pv, *args)


bc1 = Chicane()
print("bend now", bc1.do("read"))
bc1.do("write", 0.1045)
print("bend set")
