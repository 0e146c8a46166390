# topic: vacuum
# why: residual gas analyser spectrum from a JSON dump: partial pressures, air-leak and water indicators
import json
import numpy as np

with open("rga_s12_scan.json") as f:
    scan = json.load(f)

amu = np.array(scan["mass_amu"], dtype=float)
pp = np.array(scan["partial_pressure_mbar"], dtype=float)
total = pp.sum()


def peak(m, width=0.4):
    sel = np.abs(amu - m) < width
    return pp[sel].max() if sel.any() else 0.0


species = {"H2": 2, "H2O": 18, "N2/CO": 28, "O2": 32, "Ar": 40, "CO2": 44, "CH4": 16}
print(f"RGA scan {scan.get('timestamp', '?')} total {total:.2e} mbar")
for name, m in species.items():
    v = peak(m)
    print(f"  {name:<6} m={m:<3} {v:.2e} mbar  ({v / total * 100:5.1f}%)")

o2_n2 = peak(32) / max(peak(28), 1e-20)
print(f"O2/N2 ratio {o2_n2:.2f} -> {'possible air leak' if 0.2 < o2_n2 < 0.35 else 'no air-leak signature'}")
print(f"H2O/H2 ratio {peak(18) / max(peak(2), 1e-20):.2f} (high values: unbaked or recent venting)")
heavy = pp[amu > 45].sum()
print(f"hydrocarbons above 45 amu: {heavy / total * 100:.2f}% of total")
