"""Beam current over one fill: mean, spread, lifetime and a plot.

Runs without a machine: it simulates the readback of a beam current monitor that a
control-room script would read with `caget("SR:DCCT:CURRENT")` every second.
"""

import numpy as np
import matplotlib.pyplot as plt

rng = np.random.default_rng(seed=7)
t = np.arange(0, 3600.0, 1.0)                       # one hour, 1 Hz
lifetime_h = 9.5
current_ma = 300.0 * np.exp(-t / (lifetime_h * 3600)) + rng.normal(0, 0.15, t.size)

# Fit the lifetime back from the data: log(I) is linear in t.
slope, intercept = np.polyfit(t, np.log(current_ma), 1)
fitted_lifetime_h = -1.0 / slope / 3600

fig, ax = plt.subplots(figsize=(8, 4))
ax.plot(t / 60, current_ma, lw=0.8, label="DCCT readback")
ax.plot(t / 60, np.exp(intercept + slope * t), "r--", label=f"fit, lifetime {fitted_lifetime_h:.1f} h")
ax.set_xlabel("time [min]")
ax.set_ylabel("beam current [mA]")
ax.set_title("Stored beam current")
ax.legend()
fig.tight_layout()

print(f"analysed {t.size} samples")
results = {
    "samples": int(t.size),
    "mean_current_ma": float(current_ma.mean()),
    "std_current_ma": float(current_ma.std()),
    "start_current_ma": float(current_ma[:60].mean()),
    "end_current_ma": float(current_ma[-60:].mean()),
    "lifetime_h": round(float(fitted_lifetime_h), 2),
}
