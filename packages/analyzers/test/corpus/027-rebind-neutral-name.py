# expect: epics-write
# why: caput rebound to a neutral name
# tricky
import epics

apply_setting = epics.caput
settings = {"SR:SEXT:SF:SP": 112.0, "SR:SEXT:SD:SP": -98.5}
for name, value in settings.items():
    apply_setting(name, value)
