# class: binding
# why: lambda default parameter holding a PV: lambda defaults are never bound
"""Apply with a lambda holding its channel."""
import epics

apply = lambda v, ch=epics.PV("SR:C01:QF:CURRENT_SP"): ch.put(v, wait=True)
apply(101.0)
