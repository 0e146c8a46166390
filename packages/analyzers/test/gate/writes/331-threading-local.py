# class: binding
# why: PV stored on threading.local(): attribute of an untraced object
"""Per-thread channel cache."""
import threading
import epics

local = threading.local()
local.ch = epics.PV("SR:C01:QF:CURRENT_SP")
local.ch.put(101.0, wait=True)
