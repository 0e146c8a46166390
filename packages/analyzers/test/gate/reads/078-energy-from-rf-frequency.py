# topic: optics
# why: relative beam energy deviation from the RF frequency readback and the dispersive mean orbit (read only)
import numpy as np
import epics

ALPHA_C = 8.5e-4
F_RF_NOMINAL = 499.654e6  # Hz, from the circumference survey

f_rf = epics.caget("SR:RF:MASTER:FREQ_RB")
x = epics.caget("SR:ORBIT:X", as_numpy=True)
disp = np.loadtxt("model_dispersion_at_bpms.txt")  # m, same order as SR:ORBIT:X

delta_from_rf = -(f_rf - F_RF_NOMINAL) / F_RF_NOMINAL / ALPHA_C
# fit x = D * delta + const, using only BPMs with significant dispersion
sel = np.abs(disp) > 0.05
A = np.vstack([disp[sel], np.ones(sel.sum())]).T
(delta_orbit, offset), *_ = np.linalg.lstsq(A, x[sel] * 1e-6, rcond=None)

print(f"RF frequency {f_rf:.1f} Hz (nominal {F_RF_NOMINAL:.1f}), df = {f_rf - F_RF_NOMINAL:+.1f} Hz")
print(f"energy deviation from RF:    {delta_from_rf * 1e4:+.2f} x 1e-4")
print(f"energy deviation from orbit: {delta_orbit * 1e4:+.2f} x 1e-4 (offset {offset * 1e6:+.1f} um)")
diff = delta_orbit - delta_from_rf
print(f"difference {diff * 1e4:+.2f} x 1e-4 -> circumference change {-diff * ALPHA_C * 528.0 * 1e6:+.1f} um")
