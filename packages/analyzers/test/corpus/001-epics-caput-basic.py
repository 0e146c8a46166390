# expect: epics-write
# why: plain epics.caput on a quadrupole setpoint
import epics

current = epics.caget("SR:Q01:CURRENT_RB")
print(f"Q01 readback: {current:.3f} A")
epics.caput("SR:Q01:CURRENT_SP", 12.5, wait=True)
