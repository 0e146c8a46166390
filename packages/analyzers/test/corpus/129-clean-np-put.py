# expect: nothing
# why: numpy put on an array, not EPICS
import numpy as np

orbit = np.zeros(96)
bad = [3, 17, 42]
np.put(orbit, bad, np.nan)
print(np.nanstd(orbit))
