# expect: epics-write
# why: SIGINT handler lambda closes a vacuum valve
# tricky
import signal
import time
from epics import caput

signal.signal(signal.SIGINT, lambda signum, frame: caput("SR:VAC:GV07:CMD", "CLOSE"))
while True:
    time.sleep(1)
