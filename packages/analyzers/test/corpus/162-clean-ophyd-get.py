# expect: nothing
# why: ophyd signals created (one writable) but only read with get
# tricky
from ophyd import EpicsSignal, EpicsSignalRO

rb = EpicsSignalRO("SR:PS:Q01:CURRENT_RB", name="q01_rb")
sp = EpicsSignal("SR:PS:Q01:CURRENT_SP", name="q01_sp")
rb.wait_for_connection()
print(rb.get(), sp.get())
