# expect: syntax
# why: if statement without a colon
import numpy as np

orbit = np.zeros(96)
if orbit.std() > 1e-5
    print("orbit too large")
