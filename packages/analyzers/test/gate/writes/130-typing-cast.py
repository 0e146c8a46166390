# class: unknown
# why: typing.cast("Any", PV(...)) hides the PV's type from the analyzer; the put is on the cast result
"""Typed helper for setting magnet currents."""
from typing import Any, cast
import epics


def magnet(name: str) -> Any:
    return cast("Any", epics.PV(name, connection_timeout=2.0))


qd = magnet("SR:C09:QD:CURRENT_SP")
reading: float = qd.get()
print(f"QD now {reading:.2f} A")
qd.put(reading - 0.5, wait=True)
print("QD lowered by 0.5 A")
