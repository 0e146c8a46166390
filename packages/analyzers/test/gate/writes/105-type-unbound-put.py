# class: unknown
# why: the write is an unbound call through type(pv): type(sp).put(sp, value)
"""Zero the BPM3 X offset after the survey alignment."""
from epics import PV

offset = PV("LI:BPM3:X_OFFSET_SP")
offset.wait_for_connection(timeout=3)
print("old offset:", offset.get())

kind = type(offset)
kind.put(offset, 0.0, wait=True)
print("offset cleared")
