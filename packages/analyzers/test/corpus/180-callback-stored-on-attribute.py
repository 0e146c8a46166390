# expect: epics-write
# why: a callback stored on an attribute by one method and called with a PV by another; the callback's body names nothing EPICS
# tricky
import epics


def nudge(device, step):
    device.tweak_by(step)


class Tuner:
    def __init__(self):
        self.handler = nudge

    def run(self, step):
        self.handler(epics.Motor("SR:M1"), step)


Tuner().run(0.1)
