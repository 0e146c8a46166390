# expect: epics-write
# why: caput injected into a class constructor and called from a method
# tricky
import epics


class FeedbackLoop:
    def __init__(self, read, write):
        self.read, self.write = read, write

    def step(self):
        x = self.read("SR:BPM01:X")
        self.write("SR:C01:HCM:SP", -0.1 * x)


loop = FeedbackLoop(epics.caget, epics.caput)
loop.step()
