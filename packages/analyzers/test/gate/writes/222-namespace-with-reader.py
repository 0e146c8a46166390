# class: unknown
# why: epics.caget (harmless fn) among SimpleNamespace args: result is caget's (nothing), no EPICS005
"""Config holder with a reader function and the channel."""
import types
import epics

cfg = types.SimpleNamespace(read=epics.caget, ch=epics.PV("SR:C01:QF:CURRENT_SP"))
print(cfg.read("SR:C01:QF:CURRENT_RB"))
cfg.ch.put(101.0, wait=True)
