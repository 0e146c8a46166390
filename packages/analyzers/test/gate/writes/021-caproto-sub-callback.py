# class: callback
# why: caproto subscription callback writes via sub.pv.write
"""Reset the interlock latch whenever it trips (test stand only)."""
import time
from caproto.threading.client import Context

ctx = Context()
latch, = ctx.get_pvs("LI:MPS:LATCH")


def reset(sub, response):
    if response.data[0] != 0:
        sub.pv.write([0], wait=False)


sub = latch.subscribe(data_type="native")
sub.add_callback(reset)
time.sleep(15)
sub.clear()
