# expect: nothing
# why: a local dry-run function named caput that only prints; epics is used for caget only
# tricky
from epics import caget


def caput(name, value):
    print(f"[dry-run] would set {name} = {value}")


current = caget("SR:Q01:CURRENT_RB")
caput("SR:Q01:CURRENT_SP", current * 1.01)
