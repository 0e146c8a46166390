# topic: bpm
# why: read BPM button intensities into dataclass records and check the four-button balance
from dataclasses import dataclass, field
from datetime import datetime
from typing import Optional
import epics


@dataclass
class Reading:
    pvname: str
    value: Optional[float] = None
    when: datetime = field(default_factory=datetime.now)

    @property
    def ok(self) -> bool:
        return self.value is not None


@dataclass
class ButtonSet:
    bpm: str
    buttons: list = field(default_factory=list)

    def imbalance(self) -> float:
        vals = [b.value for b in self.buttons if b.ok]
        if len(vals) < 4:
            return float("nan")
        return (max(vals) - min(vals)) / (sum(vals) / 4)


sets = []
for bpm in ("SR:C01:BPM1", "SR:C01:BPM2", "SR:C02:BPM1", "SR:C02:BPM2"):
    bs = ButtonSet(bpm)
    for btn in "ABCD":
        name = f"{bpm}:{btn}"
        bs.buttons.append(Reading(name, epics.caget(name, timeout=1.0)))
    sets.append(bs)

for bs in sets:
    print(f"{bs.bpm}: " + " ".join(f"{b.value:.0f}" if b.ok else "--" for b in bs.buttons) + f"  imbalance {bs.imbalance():.3f}")
