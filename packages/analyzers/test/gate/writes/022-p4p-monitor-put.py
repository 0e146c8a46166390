# class: callback
# why: p4p ctx.monitor callback that calls ctx.put
"""Track the RF forward power and hold the drive PV in proportion."""
import time
from p4p.client.thread import Context

ctx = Context("pva")


def on_power(value):
    ctx.put("SR:RF:CAV2:DRIVE_SP", 0.01 * float(value))


sub = ctx.monitor("SR:RF:CAV2:FWD_POWER", on_power)
time.sleep(10)
sub.close()
ctx.close()
