# expect: nothing
# why: matplotlib figure saved to a relative path
import matplotlib.pyplot as plt
import numpy as np

s = np.linspace(0, 528, 96)
x = np.loadtxt("orbit_x.txt")
plt.plot(s, x * 1e3)
plt.xlabel("s [m]")
plt.ylabel("x [mm]")
plt.savefig("fig.png", dpi=150)
