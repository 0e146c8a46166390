# class: unknown
# why: getattr(device_subclass_instance, name) over component_names (user subclass is inst:, not EPICS)
"""Zero every component of the magnet device."""
import ophyd


class Magnet(ophyd.Device):
    sp = ophyd.Component(ophyd.EpicsSignal, "CURRENT_SP")


m = Magnet("SR:C01:QF:", name="qf")
for name in m.component_names:
    getattr(m, name).put(0.0)
