# expect: epics-write
# why: handler looked up with dict.get and called
# tricky
import epics


def noop(*args):
    pass


handlers = {"apply": epics.caput, "skip": noop}
for action, pv, value in [("apply", "SR:Q12:CURRENT_SP", 5.0), ("skip", "SR:Q13:CURRENT_SP", 6.0)]:
    handlers.get(action, noop)(pv, value)
