# expect: epics-write
# why: caput passed as a callable to map
# tricky
from epics import caput

names = ["SR:C01:SKEW:SP", "SR:C02:SKEW:SP", "SR:C03:SKEW:SP"]
values = [0.0, 0.0, 0.0]
list(map(caput, names, values))
