# expect: nothing
# why: scipy curve fit of a beam lifetime decay
import numpy as np
from scipy.optimize import curve_fit

t = np.linspace(0, 3600, 200)
i = 300 * np.exp(-t / 36000) + np.random.normal(0, 0.05, t.size)
popt, _ = curve_fit(lambda t, i0, tau: i0 * np.exp(-t / tau), t, i, p0=(300, 30000))
print(f"lifetime = {popt[1] / 3600:.1f} h")
