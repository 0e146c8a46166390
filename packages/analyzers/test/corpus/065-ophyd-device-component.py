# expect: epics-write
# why: ophyd Device with EpicsSignal components, written via .set
# tricky
from ophyd import Component as Cpt, Device, EpicsSignal, EpicsSignalRO


class PowerSupply(Device):
    setpoint = Cpt(EpicsSignal, "CURRENT_SP")
    readback = Cpt(EpicsSignalRO, "CURRENT_RB")


ps = PowerSupply("SR:PS:Q11:", name="q11")
ps.wait_for_connection()
ps.setpoint.set(12.0).wait(timeout=5)
