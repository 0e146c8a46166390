# topic: magnets
# why: hysteresis width of a quadrupole from a logged current/field cycle in CSV
import csv
import numpy as np
from scipy.interpolate import interp1d
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt

current, field = [], []
with open("quad_q1_cycle.csv", newline="") as f:
    for row in csv.DictReader(f):
        current.append(float(row["current_A"]))
        field.append(float(row["gradient_T_per_m"]))
current = np.array(current)
field = np.array(field)

dI = np.gradient(current)
up = dI > 0
down = dI < 0
grid = np.linspace(current.min() + 5, current.max() - 5, 200)

f_up = interp1d(current[up], field[up], bounds_error=False)
f_dn = interp1d(current[down], field[down], bounds_error=False)
gap = f_dn(grid) - f_up(grid)

print(f"max branch difference {np.nanmax(np.abs(gap)):.4f} T/m at I = {grid[np.nanargmax(np.abs(gap))]:.1f} A")
print(f"relative at nominal: {np.nanmax(np.abs(gap)) / np.nanmax(field) * 1e4:.1f} x 1e-4")
lin = np.polyfit(current[up], field[up], 1)
print(f"transfer function (up branch): {lin[0] * 1000:.3f} mT/m per A, offset {lin[1]:.4f} T/m")

plt.plot(current[up], field[up], ".", ms=2, label="ramp up")
plt.plot(current[down], field[down], ".", ms=2, label="ramp down")
plt.xlabel("I [A]")
plt.ylabel("G [T/m]")
plt.legend()
plt.savefig("q1_hysteresis.png")
