# class: unknown
# why: PVs are stored in a numpy object array and written through np.vectorize over it
"""Scale all quadrupoles of one girder at once using numpy."""
import numpy as np
from epics import PV

names = [f"SR:C06:Q{i}:CURRENT_SP" for i in range(1, 5)]
chans = np.array([PV(n) for n in names], dtype=object)
values = np.array([c.get() or 0.0 for c in chans], dtype=float)

scaled = values * 1.002
apply = np.vectorize(lambda chan, v: chan.put(float(v), wait=True))
apply(chans, scaled)
for n, v in zip(names, scaled):
    print(f"{n}: {v:.3f}")
