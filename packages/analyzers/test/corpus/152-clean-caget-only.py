# expect: nothing
# why: caget reads only (epics-read is allowed)
from epics import caget

current = caget("SR:DCCT:CURRENT")
pressure = caget("SR:VAC:IG01:PRES")
print(f"{current:.1f} mA at {pressure:.2e} mbar")
