# class: unknown
# why: caproto connection_state_callback positional PV (unknown), write via method alias
"""Connection callback primes the channel."""
import time
from caproto.threading.client import Context


def on_state(target, state):
    if state == "connected":
        send = target.write
        send([101.0], wait=False)


ctx = Context()
ctx.get_pvs("SR:C01:QF:CURRENT_SP", connection_state_callback=on_state)
time.sleep(2)
