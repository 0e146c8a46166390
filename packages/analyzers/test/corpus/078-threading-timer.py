# expect: epics-write
# why: PV.put bound method passed to threading.Timer
# tricky
import threading
from epics import PV

valve = PV("SR:VAC:GV05:CMD")
threading.Timer(10.0, valve.put, args=("CLOSE",)).start()
