# expect: epics-write
# why: get_pv returns a cached PV which is then written
from epics import get_pv

valve = get_pv("SR:VAC:GV03:CMD")
valve.put("CLOSE")
