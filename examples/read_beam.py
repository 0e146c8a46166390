"""The storage ring as it is now: beam current and lifetime, the last hour of beam, the orbit.

Reads live PVs only, so pyexec runs it without asking (read-only, through its read-only gateway). Try it in
the control room of examples/controlroom (scripts/controlroom start).
"""

import matplotlib.pyplot as plt
import numpy as np
from epics import caget


def read(name, **options):
    value = caget(f"SR:{name}", timeout=5, **options)
    if value is None:
        raise RuntimeError(f"SR:{name} does not answer: is the control room running (scripts/controlroom start)?")
    return value


current_ma = read("DCCT:CURRENT")
lifetime_h = read("DCCT:LIFETIME")
mode = read("MODE", as_string=True)
history_ma = read("DCCT:HISTORY")
q01_a = read("Q01:CURRENT_RB")
rf_mv = read("RF:VOLTAGE_RB")
pressure_mbar = read("VAC:G01:PRESSURE")
s_m, x_mm, y_mm = read("BPM:S"), read("BPM:X"), read("BPM:Y")

# Fit the lifetime from the history, since the last injection: log(I) is linear in t.
t_s = (np.arange(history_ma.size) - (history_ma.size - 1)) * 10.0  # one sample every 10 s
injections = np.flatnonzero(np.diff(history_ma) > 1.0)
since = int(injections[-1]) + 1 if injections.size else 0
stored = history_ma[since:] > 1.0
fitted_h = None
if stored.sum() > 10:
    slope, _ = np.polyfit(t_s[since:][stored], np.log(history_ma[since:][stored]), 1)
    fitted_h = -1.0 / slope / 3600 if slope < 0 else None

fig, (beam, orbit) = plt.subplots(2, 1, figsize=(8, 6))
beam.plot(t_s / 60, history_ma, lw=0.8)
beam.set_xlabel("time [min]")
beam.set_ylabel("beam current [mA]")
beam.set_title(f"Stored beam, last hour ({mode}, {current_ma:.1f} mA, lifetime {lifetime_h:.2f} h)")
orbit.plot(s_m, x_mm * 1000, ".-", label="x")
orbit.plot(s_m, y_mm * 1000, ".-", label="y")
orbit.set_xlabel("s [m]")
orbit.set_ylabel("orbit [µm]")
orbit.set_title("Closed orbit at the BPMs")
orbit.legend()
fig.tight_layout()

print(f"{mode}: {current_ma:.2f} mA, lifetime {lifetime_h:.2f} h, Q01 {q01_a:.3f} A")
results = {
    "mode": mode,
    "beam_current_ma": round(float(current_ma), 3),
    "lifetime_h": round(float(lifetime_h), 2),
    "fitted_lifetime_h": None if fitted_h is None else round(float(fitted_h), 2),
    "q01_current_a": round(float(q01_a), 3),
    "rf_voltage_mv": round(float(rf_mv), 3),
    "vacuum_mbar": float(f"{pressure_mbar:.3g}"),
    "orbit_rms_x_um": round(float(np.std(x_mm) * 1000), 2),
    "orbit_rms_y_um": round(float(np.std(y_mm) * 1000), 2),
}
