# expect: epics-write
# why: a name bound to print is rebound to caput when not in dry-run mode
# tricky
import epics

DRY_RUN = False
write = print
if not DRY_RUN:
    write = epics.caput
write("SR:Q09:CURRENT_SP", 4.5)
