# expect: epics-write
# why: context manager writes a PV it receives as a parameter
# tricky
from contextlib import contextmanager
from epics import PV


@contextmanager
def temporarily(pv, value):
    old = pv.get()
    pv.put(value, wait=True)
    try:
        yield
    finally:
        pv.put(old, wait=True)


with temporarily(PV("SR:FOFB:ENABLE"), 0):
    print("feedback paused")
