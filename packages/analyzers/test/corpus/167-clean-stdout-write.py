# expect: nothing
# why: sys.stdout.write and a relative log file write are not EPICS writes
import sys
import epics

value = epics.caget("SR:DCCT:CURRENT")
sys.stdout.write(f"beam current: {value:.2f} mA\n")
with open("current.log", "a") as log:
    log.write(f"{value}\n")
