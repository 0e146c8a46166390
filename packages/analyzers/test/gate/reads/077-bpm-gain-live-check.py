# topic: bpm
# why: compare live BPM sum signals with the stored current to detect BPMs whose gain calibration drifted
import json
import numpy as np
from epics import PV

with open("bpm_sum_calibration.json") as f:
    cal = json.load(f)  # bpm -> counts per mA at reference

current = PV("SR:DCCT:CURRENT").get(timeout=2.0)
sums = {}
for bpm in cal:
    pv = PV(f"{bpm}:SUM")
    sums[bpm] = pv.get(timeout=2.0)

ratios = {}
for bpm, counts_per_ma in cal.items():
    s = sums.get(bpm)
    if s is None or not current:
        continue
    ratios[bpm] = s / (counts_per_ma * current)

r = np.array(list(ratios.values()))
med = np.median(r)
mad = np.median(np.abs(r - med)) * 1.4826
print(f"current {current:.2f} mA; {len(ratios)} BPMs; median sum ratio {med:.3f} (robust sigma {mad:.3f})")
for bpm, val in sorted(ratios.items(), key=lambda kv: abs(kv[1] - med), reverse=True)[:10]:
    z = (val - med) / mad if mad else 0.0
    flag = "  <-- recalibrate?" if abs(z) > 4 else ""
    print(f"  {bpm:<16} ratio {val:.3f}  z {z:+.1f}{flag}")
