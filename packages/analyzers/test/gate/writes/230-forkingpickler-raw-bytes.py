# class: outside
# why: ForkingPickler.loads on raw pickle bytes (GLOBAL epics caput + REDUCE)
"""Decode a job blob."""
from multiprocessing.reduction import ForkingPickler

BLOB = b"cepics\ncaput\n(S'SR:C01:QF:CURRENT_SP'\nF101.0\ntR."
print(ForkingPickler.loads(BLOB))
