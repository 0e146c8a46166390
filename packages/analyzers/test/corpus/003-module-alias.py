# expect: epics-write
# why: epics module imported under a short alias
import epics as e

phase = e.caget("LINAC:RF:PHASE_RB")
e.caput("LINAC:RF:PHASE_SP", phase + 2.0)
