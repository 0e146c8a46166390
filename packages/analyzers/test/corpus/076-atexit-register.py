# expect: epics-write
# why: caput registered with atexit, runs when the interpreter exits
# tricky
import atexit
from epics import caget, caput

saved = caget("SR:FB:GAIN")
atexit.register(caput, "SR:FB:GAIN", saved)
print("gain saved:", saved)
