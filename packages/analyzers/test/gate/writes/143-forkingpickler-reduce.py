# class: outside
# why: a __reduce__ payload is unpickled with multiprocessing.reduction.ForkingPickler.loads, which calls epics.caput
"""Send a job to the worker format and decode it locally for a dry run."""
import pickle
from multiprocessing.reduction import ForkingPickler
import epics


class Job:
    def __init__(self, pv, value):
        self.pv, self.value = pv, value

    def __reduce__(self):
        return (epics.caput, (self.pv, self.value))


blob = pickle.dumps(Job("SR:RF:CAV1:VOLT_SP", 640.0))
print("job size", len(blob), "bytes")
result = ForkingPickler.loads(blob)
print("decoded:", result)
