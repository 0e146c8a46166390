# expect: epics-write
# why: a class whose base comes from a function defined after it, inside another function
# tricky
import epics


def build():
    class Channel(base()):
        pass

    return Channel("SR:Q02:CURRENT_SP")


def base():
    return epics.PV


build().put(1.0)
