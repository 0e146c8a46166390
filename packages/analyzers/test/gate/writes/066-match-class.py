# class: binding
# why: class pattern in match captures the PV attribute; the capture is written
"""Apply restore actions parsed from the logbook."""
from dataclasses import dataclass
import epics


@dataclass
class Restore:
    pv: epics.PV
    value: float


actions = [Restore(epics.PV("SR:C03:VCM1:CURRENT_SP"), 0.02)]
for a in actions:
    match a:
        case Restore(pv=target, value=val):
            target.put(val, wait=True)
