# class: unknown
# why: max([], default=pv): keyword default of min/max ignored
"""Pick the channel (default when none)."""
import epics

ch = max([], default=epics.PV("SR:C01:QF:CURRENT_SP"))
ch.put(101.0, wait=True)
