# class: unknown
# why: operator.attrgetter("put") pulls the write method off a PV, then it is called
"""Apply the same skew-quad setpoint to a list of magnets."""
import operator
from epics import PV

NAMES = ["SR:C03:SQ1:CURRENT_SP", "SR:C05:SQ1:CURRENT_SP", "SR:C07:SQ1:CURRENT_SP"]
VALUE = 0.75

writer_of = operator.attrgetter("put")
for name in NAMES:
    pv = PV(name)
    writer_of(pv)(VALUE)
    print(name, "<-", VALUE)
