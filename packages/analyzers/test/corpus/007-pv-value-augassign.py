# expect: epics-write
# why: augmented assignment on PV.value is a read-modify-write
# tricky
import time
from epics import PV

trim = PV("SR:S03:TRIM_SP")
for _ in range(10):
    trim.value += 0.05
    time.sleep(0.5)
