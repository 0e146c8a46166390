# class: unknown
# why: epics is imported through builtins.__import__, so its caput is an attribute of an unknown value
"""Set the gun heater back to standby."""
import builtins

ca = builtins.__import__("epics")
HEATER = "LI:GUN:HEATER_SP"
STANDBY = 5.8

print("heater was", ca.caget(HEATER))
ca.caput(HEATER, STANDBY, wait=True)
print("heater set to standby", STANDBY)
