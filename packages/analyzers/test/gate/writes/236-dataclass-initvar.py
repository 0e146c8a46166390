# class: binding
# why: dataclass InitVar passed to __post_init__ parameter, which gets nothing
"""A step that applies itself at construction (InitVar)."""
import dataclasses
import epics


@dataclasses.dataclass
class Step:
    value: float
    target: dataclasses.InitVar[object] = None

    def __post_init__(self, target):
        target.put(self.value, wait=True)


Step(101.0, epics.PV("SR:C01:QF:CURRENT_SP"))
