# expect: epics-write, reflection
# why: caput pulled out of vars(epics)
# tricky
import epics

writer = vars(epics)["caput"]
writer("SR:ID07:GAP_SP", 22.0)
