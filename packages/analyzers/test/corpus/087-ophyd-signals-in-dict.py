# expect: epics-write
# why: ophyd signals kept in a dict and set in a loop
# tricky
from ophyd import EpicsSignal

sigs = {n: EpicsSignal(f"SR:{n}:CURRENT_SP", name=n.lower()) for n in ("QF", "QD")}
for name, sig in sigs.items():
    sig.set(0.0).wait(timeout=10)
