"""Set a quadrupole current: a machine change, so pyexec asks for approval first.

In the control room of examples/controlroom (scripts/controlroom start) the power supply's readback follows.
"""

import time

from epics import caget
from epics import caput as set_pv

setpoint_a = 12.5
before_a = caget("SR:Q01:CURRENT_SP", timeout=5)
set_pv("SR:Q01:CURRENT_SP", setpoint_a, wait=True, timeout=5)

# The readback ramps to the new setpoint: wait for it, up to 10 s.
readback_a = caget("SR:Q01:CURRENT_RB", timeout=5)
deadline = time.monotonic() + 10
while readback_a is not None and abs(readback_a - setpoint_a) > 0.05 and time.monotonic() < deadline:
    time.sleep(0.2)
    readback_a = caget("SR:Q01:CURRENT_RB", timeout=5)

readback_a = None if readback_a is None else round(float(readback_a), 3)
print(f"SR:Q01:CURRENT_SP {before_a} A -> {setpoint_a} A, readback {readback_a} A")
results = {"pv": "SR:Q01:CURRENT_SP", "before_a": before_a, "setpoint_a": setpoint_a, "readback_a": readback_a}
