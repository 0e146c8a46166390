# class: binding
# why: attribute stored on an untraced library object (SimpleNamespace()) reads back as nothing
"""Keep the channel on a namespace."""
import types
import epics

state = types.SimpleNamespace()
state.ch = epics.PV("SR:C01:QF:CURRENT_SP")
state.ch.put(101.0, wait=True)
