# class: channel
# why: map(epics.autosave.restore_pvs, [file]): unknown EPICS member passed as a value is never reported
"""Restore the saved lattice from a save file."""
import time
import epics
import epics.autosave

print("before", epics.caget("SR:C01:QF:CURRENT_SP"))
with open("lattice.sav", "w") as f:
    f.write("SR:C01:QF:CURRENT_SP 101.0\n")
list(map(epics.autosave.restore_pvs, ["lattice.sav"]))
time.sleep(1)
