# expect: nothing
# why: operator.methodcaller("get") on PVs only reads
# tricky
import operator
from epics import PV

read = operator.methodcaller("get", timeout=1.0)
values = [read(PV(f"SR:VAC:IP{i:02d}:CURRENT")) for i in range(1, 6)]
print(values)
