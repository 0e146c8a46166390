# expect: epics-write
# why: caput imported under an unrelated-looking alias
from epics import caput as cp
import numpy as np

for t in np.linspace(0.0, 2.0, 5):
    cp("BTS:DIPOLE:CURRENT_SP", float(t))
