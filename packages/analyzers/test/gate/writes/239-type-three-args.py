# class: binding
# why: type(name, bases, {'qf': pv}): class attribute from the 3-arg type() dict is not followed
"""Build a settings class on the fly."""
import epics

Settings = type("Settings", (), {"qf": epics.PV("SR:C01:QF:CURRENT_SP")})
Settings.qf.put(101.0, wait=True)
