# topic: tune
# why: fit the decoherence envelope of a kicked beam (amplitude-dependent tune spread) from TbT BPM data
import numpy as np
from scipy.optimize import curve_fit
from scipy.signal import hilbert

data = np.load("tbt_kick.npz")
x = data["x"].astype(float)
sig = x[np.argmax(x.std(axis=1))]  # BPM with the largest oscillation
sig = sig - sig[-200:].mean()
turns = np.arange(sig.size)
env = np.abs(hilbert(sig))


def envelope(n, a0, theta, tau_s):
    # Gaussian decoherence from amplitude detuning, damped by synchrotron re-coherence envelope
    return a0 * np.exp(-0.5 * (theta * n) ** 2) * np.exp(-n / tau_s)


popt, pcov = curve_fit(envelope, turns, env, p0=(env[:20].mean(), 1e-3, 5000), maxfev=20000)
perr = np.sqrt(np.diag(pcov))
print(f"initial amplitude {popt[0]:.1f} um")
print(f"decoherence rate theta = {popt[1]:.2e} +- {perr[1]:.1e} 1/turn -> {1 / popt[1]:.0f} turns")
print(f"damping time {popt[2]:.0f} +- {perr[2]:.0f} turns")
half = turns[np.argmax(env < env[:10].mean() / 2)]
print(f"amplitude halves after {half} turns")
