# expect: epics-write, epics-read
# why: ramp loop reading a readback then writing a setpoint in steps
import time
import numpy as np
import epics

start = epics.caget("BR:DIPOLE:CURRENT_RB")
for value in np.linspace(start, 450.0, 20):
    epics.caput("BR:DIPOLE:CURRENT_SP", float(value))
    time.sleep(0.2)
