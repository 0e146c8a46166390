# expect: epics-write
# why: caget/caput bound together by tuple unpacking
# tricky
import epics

get, put = epics.caget, epics.caput
put("SR:ID07:TAPER_SP", get("SR:ID07:TAPER_RB") + 0.1)
