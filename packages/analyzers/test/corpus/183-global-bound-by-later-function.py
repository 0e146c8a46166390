# expect: epics-write
# why: the PV is bound to a module name by a function defined after the one that writes through it
# tricky
import epics


def apply(value):
    target.put(value)


def connect():
    global target
    target = epics.PV("SR:Q03:CURRENT_SP")


connect()
apply(2.0)
