# class: callback
# why: numpy.vectorize wraps epics.caput; calling the vectorized object writes each element
"""Apply the trim vector from the response-matrix fit to the H correctors."""
import numpy as np
import epics

names = np.array([f"SR:C{i:02d}:HCM1:CURRENT_SP" for i in range(1, 7)])
trim = np.array([0.05, -0.02, 0.00, 0.11, -0.07, 0.03])

apply_all = np.vectorize(epics.caput, otypes=[object])
status = apply_all(names, trim)
print("status:", status)
