# expect: epics-write, file-write-outside
# why: saves a backup under /tmp then writes the new setpoint
import json
import epics

old = epics.caget("SR:SEXT:SF:SP")
with open("/tmp/sext_backup.json", "w") as f:
    json.dump({"SR:SEXT:SF:SP": old}, f)
epics.caput("SR:SEXT:SF:SP", old * 1.01)
