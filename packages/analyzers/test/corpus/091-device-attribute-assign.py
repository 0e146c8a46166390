# expect: epics-write
# why: attribute assignment on an epics.Device writes the PV
# tricky
from epics import Device

rf = Device("SR:RF:CAV1:", attrs=("VOLTAGE_SP", "PHASE_SP"))
rf.VOLTAGE_SP = 0.6
