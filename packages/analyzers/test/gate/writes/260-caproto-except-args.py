# class: binding
# why: caproto PV carried in exception args
"""caproto PV passed via an exception."""
from caproto.threading.client import Context


class Deferred(Exception):
    pass


(qf,) = Context().get_pvs("SR:C01:QF:CURRENT_SP")
try:
    raise Deferred(qf, [101.0])
except Deferred as d:
    pv, data = d.args
    pv.write(data)
