# class: callback
# why: sorted(key=...) calls a key function that writes the setpoint before returning it
"""Sort quads by current for the report; apply the rounding trim as we go."""
from epics import PV

quads = [PV(f"SR:C01:Q{i}:CURRENT_SP") for i in range(1, 6)]


def rounded_current(p):
    v = round(p.get() or 0.0, 2)
    p.value = v  # trim to 10 mA resolution
    return v


for p in sorted(quads, key=rounded_current):
    print(p.pvname, p.get())
