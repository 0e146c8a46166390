# expect: epics-write
# why: epics.Motor.move
import epics

m = epics.Motor("BL02:M1:PITCH")
print(m.get_position())
m.move(0.002, wait=True)
