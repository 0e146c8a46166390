# expect: nothing
# why: getattr with a literal attribute name on a settings object
from types import SimpleNamespace

cfg = SimpleNamespace(energy_gev=3.0, circumference_m=528.0)
energy = getattr(cfg, "energy_gev")
rev_freq = 299792458.0 / getattr(cfg, "circumference_m", 1.0)
print(energy, rev_freq)
