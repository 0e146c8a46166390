# expect: nothing
# why: getattr with literal read-only attribute names on a PV
# tricky
from epics import PV

pv = PV("SR:RF:CAV1:VOLTAGE_RB")
print(getattr(pv, "pvname"), getattr(pv, "units", ""), getattr(pv, "precision", None))
