# class: unknown
# why: the put method is fetched with object.__getattribute__(pv, "put") and called
"""Restore the RF phase setpoint recorded at the start of the shift."""
import epics

phase = epics.PV("SR:RF:CAV1:PHASE_SP")
saved = 147.5

current = phase.get()
print(f"phase now {current:.2f} deg, restoring {saved:.2f}")
if abs(current - saved) > 0.01:
    apply = object.__getattribute__(phase, "put")
    apply(saved, wait=True)
print("done")
