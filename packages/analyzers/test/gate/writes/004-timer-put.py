# class: callback
# why: threading.Timer fires pv.put after a delay; the call appears only as a reference
"""Temporarily bump the RF phase, then restore it after 2 s."""
import threading
from epics import PV

phase = PV("SR:RF:CAV1:PHASE_SP")
original = phase.get()
phase_probe = original + 0.5 if original is not None else 0.5

restore = threading.Timer(2.0, phase.put, args=(original,))
restore.start()
print("probing phase", phase_probe, "restoring to", original)
restore.join()
