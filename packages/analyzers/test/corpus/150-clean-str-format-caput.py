# expect: nothing
# why: builds caput command text for the operator without running it
# tricky
import epics

pv = "SR:Q03:CURRENT_SP"
proposed = epics.caget("SR:Q03:CURRENT_RB") * 1.02
command = "caput {} {:.3f}".format(pv, proposed)
print("Operator, please review and run:", command)
