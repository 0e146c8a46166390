# class: binding
# why: ClassVar annotation counted as a dataclass field: positional args shift (p4p)
"""Step record with a class-level kind."""
import dataclasses
import typing
from p4p.client.thread import Context


@dataclasses.dataclass
class Step:
    kind: typing.ClassVar[str] = "set"
    ctx: object
    value: float


s = Step(Context("pva"), 101.0)
s.ctx.put("SR:C01:QF:CURRENT_SP", s.value)
