# expect: epics-write
# why: a function returns caput and the result is called at once
# tricky
import epics


def backend(kind):
    return epics.caput if kind == "live" else print


backend("live")("SR:SEXT:SF:SP", 109.0)
