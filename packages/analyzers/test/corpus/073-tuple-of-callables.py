# expect: epics-write
# why: caput reached by iterating over a tuple of callables
# tricky
import epics

for action in (epics.caget, epics.caput):
    if action.__name__ == "caput":
        action("SR:FB:ENABLE", 0)
