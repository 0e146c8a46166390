# class: binding
# why: p4p Context in a NamedTuple, unpacked `ctx, name = conn`: unpacking an instance gives the instance
"""p4p context in a NamedTuple record."""
import typing
from p4p.client.thread import Context


class Conn(typing.NamedTuple):
    ctx: object
    name: str


conn = Conn(Context("pva"), "SR:C01:QF:CURRENT_SP")
ctx, name = conn
ctx.put(name, 101.0)
