# class: callback
# why: sched.scheduler().enter queues epics.caput with argument=; s.run() calls it
"""Step the booster extraction bump in three timed steps."""
import sched
import time
from epics import caput

s = sched.scheduler(time.monotonic, time.sleep)
for i, amp in enumerate((0.2, 0.4, 0.6)):
    s.enter(0.5 * i, 1, caput, argument=("BR:EXT:BUMP:AMP_SP", amp))

s.run()
print("bump steps done")
