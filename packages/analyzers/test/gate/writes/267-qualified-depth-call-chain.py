# class: unknown
# why: epics.caput.__call__ x6: qualified names stop at 7 parts, deeper is nothing
"""Restore the quad setpoint."""
import epics

restore = epics.caput.__call__.__call__.__call__.__call__.__call__.__call__
restore("SR:C01:QF:CURRENT_SP", 101.0, wait=True)
