# expect: nothing
# why: pure math for beam rigidity and revolution frequency
import math

energy_gev = 3.0
rigidity = 3.3356 * math.sqrt(energy_gev**2 - 0.000511**2)
f_rev = 299792458.0 / 528.0
print(f"B-rho = {rigidity:.3f} T m, f_rev = {f_rev / 1e3:.2f} kHz")
