# expect: epics-write
# why: operator.methodcaller invokes put on PV objects
# tricky
import operator
from epics import PV

zero = operator.methodcaller("put", 0.0)
for name in ("SR:C01:SKEW:SP", "SR:C02:SKEW:SP"):
    zero(PV(name))
