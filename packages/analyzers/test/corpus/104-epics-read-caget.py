# expect: epics-read
# why: caget of beam current and lifetime, read only
import epics

current = epics.caget("SR:DCCT:CURRENT")
lifetime = epics.caget("SR:DCCT:LIFETIME")
print(f"I = {current:.1f} mA, tau = {lifetime:.1f} h")
