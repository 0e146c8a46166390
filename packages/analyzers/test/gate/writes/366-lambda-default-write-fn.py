# class: binding
# why: epics.caput as a lambda default: sites skip lambda parameters, flow never binds them
"""A setter with its function bound as a default."""
import epics

apply = lambda value, fn=epics.caput: fn("SR:C01:QF:CURRENT_SP", value, wait=True)
apply(101.0)
