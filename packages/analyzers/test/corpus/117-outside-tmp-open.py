# expect: file-write-outside
# why: writes orbit data to an absolute path under /tmp
import numpy as np

orbit = np.random.normal(0, 10e-6, 96)
with open("/tmp/orbit_snapshot.csv", "w") as f:
    for i, x in enumerate(orbit):
        f.write(f"{i},{x}\n")
