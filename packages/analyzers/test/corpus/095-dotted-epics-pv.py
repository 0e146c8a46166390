# expect: epics-write
# why: PV reached through the full dotted path epics.pv.PV
import epics.pv

epics.pv.PV("SR:Q17:CURRENT_SP").put(6.0)
