# expect: epics-write
# why: epics.Device.put by attribute name
import epics

ps = epics.Device("SR:PS:Q04:", attrs=("CURRENT_SP", "CURRENT_RB", "ON"))
print(ps.get("CURRENT_RB"))
ps.put("CURRENT_SP", 33.0)
