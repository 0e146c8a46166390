# class: callback
# why: unbound pvaccess Channel.put passed to map with channels and values
"""Load the PVA-based LLRF table for all four cavities."""
import pvaccess

names = [f"SR:RF:CAV{i}:AMP_SP" for i in range(1, 5)]
amps = [0.81, 0.79, 0.80, 0.82]

chans = [pvaccess.Channel(n) for n in names]
for _ in map(pvaccess.Channel.put, chans, amps):
    pass
print("LLRF table loaded")
