# expect: epics-write
# why: factory function returns a PV that the caller writes
# tricky
import epics


def setpoint(device):
    return epics.PV(f"{device}:CURRENT_SP", connection_timeout=2.0)


sp = setpoint("SR:SEXT:SF")
sp.value = 110.0
