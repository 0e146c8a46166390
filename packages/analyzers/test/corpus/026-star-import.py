# expect: epics-write
# why: caput arrives through a star import
# tricky
from epics import *

x = caget("SR:BPM05:X")
if abs(x) > 0.5:
    caput("SR:C05:HCM:SP", -0.1 * x)
