# expect: epics-write
# why: caput imported by name from epics
from epics import caget, caput

for name in ["SR:C01:HCM:SP", "SR:C02:HCM:SP"]:
    old = caget(name)
    caput(name, old + 0.01)
