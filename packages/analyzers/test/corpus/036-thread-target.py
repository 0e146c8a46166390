# expect: epics-write
# why: caput run as a threading.Thread target
# tricky
import threading
import epics

t = threading.Thread(target=epics.caput, args=("SR:RF:CAV2:PHASE_SP", 180.0))
t.start()
t.join()
