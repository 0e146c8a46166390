# class: binding
# why: caproto PV stored in a NamedTuple field; write reached via tuple attribute
"""Standardize the booster dipoles (caproto client)."""
from typing import NamedTuple
from caproto.threading.client import Context


class Target(NamedTuple):
    pv: object
    value: float


ctx = Context()
dip, quad = ctx.get_pvs("BR:DIP:CURRENT_SP", "BR:QF:CURRENT_SP")
for t in (Target(dip, 512.0), Target(quad, 88.0)):
    t.pv.write([t.value], wait=True)
