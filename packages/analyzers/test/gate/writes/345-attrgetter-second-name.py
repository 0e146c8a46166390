# class: unknown
# why: operator.attrgetter("caget", "caput"): only the first name is checked
"""Pick the read and write functions with one attrgetter."""
import operator
import epics

read, write = operator.attrgetter("caget", "caput")(epics)
print(read("SR:C01:QF:CURRENT_RB"))
write("SR:C01:QF:CURRENT_SP", 101.0, wait=True)
