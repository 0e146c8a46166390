# expect: epics-write
# why: module-level name rebound to caput inside a function via global
# tricky
import epics

sink = None


def enable_live():
    global sink
    sink = epics.caput


enable_live()
sink("SR:Q16:CURRENT_SP", 2.0)
