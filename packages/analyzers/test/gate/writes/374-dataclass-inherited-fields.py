# class: binding
# why: dataclass subclass: positional args mapped to own fields only, inherited fields shift them
"""A step with a value and a channel."""
import dataclasses
import epics


@dataclasses.dataclass
class Base:
    value: float


@dataclasses.dataclass
class Step(Base):
    channel: object


s = Step(101.0, epics.PV("SR:C01:QF:CURRENT_SP"))
s.channel.put(s.value, wait=True)
