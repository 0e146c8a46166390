# class: callback
# why: generator body writes; consumed only by list()
"""Step through the dispersion bump, collecting BPM readbacks at each step."""
import time
import epics


def steps(knob, values):
    for v in values:
        knob.put(v, wait=True)
        time.sleep(0.2)
        yield v, epics.caget("LI:BPM3:X")


knob = epics.PV("LI:BC1:BUMP:AMP_SP")
data = list(steps(knob, [-0.5, 0.0, 0.5, 0.0]))
print(data)
