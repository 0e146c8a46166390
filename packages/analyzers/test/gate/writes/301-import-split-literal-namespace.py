# class: unknown
# why: the module is imported by a split string literal (no import statement names EPICS), then laundered through SimpleNamespace
from types import SimpleNamespace

lib = __import__("ep" "ics")
holder = SimpleNamespace(target=lib.PV("SR:C01:QF:CURRENT_SP"))
holder.target.put(101.0, wait=True)
