# class: callback
# why: monitor callback on a read-only BPM writes a different PV (corrector)
"""Simple slow orbit feedback: follow BPM3 X with the upstream corrector."""
import time
from epics import PV

GAIN = -0.2
bpm = PV("LI:BPM3:X")
corr = PV("LI:COR2:X:CURRENT_SP")


def follow(value=None, **kw):
    if value is not None:
        corr.put((corr.get() or 0.0) + GAIN * value)


bpm.add_callback(follow)
time.sleep(10)  # let feedback run for 10 s
bpm.clear_callbacks()
