# expect: epics-write, dynamic-code, reflection
# why: module name assembled at run time, then caput called on it
# tricky
import importlib

lib = importlib.import_module("ep" + "ics")
lib.caput("SR:Q08:CURRENT_SP", 7.0)
