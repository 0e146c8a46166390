# expect: epics-write, reflection
# why: caput fetched back through globals() by a name held in a variable
# tricky
from epics import caget, caput  # noqa: F401

action = "caput"
globals()[action]("SR:C04:HCM:SP", 0.0)
