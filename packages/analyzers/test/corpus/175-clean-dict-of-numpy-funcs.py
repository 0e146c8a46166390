# expect: nothing
# why: a dict of numpy functions used as a dispatch table
# tricky
import numpy as np

ops = {"mean": np.mean, "rms": lambda a: np.sqrt(np.mean(a**2)), "ptp": np.ptp}
orbit = np.loadtxt("orbit.txt")
for name, fn in ops.items():
    print(name, fn(orbit))
