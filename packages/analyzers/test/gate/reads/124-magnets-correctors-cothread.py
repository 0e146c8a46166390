# topic: magnets
# why: read all orbit corrector currents with cothread catools and report strength statistics and correctors near saturation
import cothread
from cothread.catools import caget, FORMAT_CTRL
import numpy as np

cothread.Sleep(0.0)

planes = {"H": "HCM", "V": "VCM"}
for plane, tag in planes.items():
    names = [f"SR{c:02d}A-PC-{tag}-{i:02d}:I" for c in range(1, 25) for i in range(1, 8)]
    readbacks = caget(names, timeout=4, throw=False)
    ctrl = caget(names[:1], format=FORMAT_CTRL, timeout=4)[0]
    limit = max(abs(ctrl.upper_ctrl_limit), abs(ctrl.lower_ctrl_limit)) or 10.0

    good = [(n, float(v)) for n, v in zip(names, readbacks) if v.ok]
    bad = [n for n, v in zip(names, readbacks) if not v.ok]
    vals = np.array([v for _, v in good])

    print(f"{plane}: {len(good)} correctors, {len(bad)} unreadable, limit {limit:.1f} {ctrl.units}")
    print(f"   rms {vals.std():.3f} A  mean {vals.mean():+.3f} A  max |I| {np.abs(vals).max():.3f} A")
    near = [(n, v) for n, v in good if abs(v) > 0.8 * limit]
    for n, v in sorted(near, key=lambda t: -abs(t[1])):
        print(f"   near limit: {n} = {v:+.3f} A ({abs(v) / limit:.0%})")
    hist, edges = np.histogram(vals / limit, bins=np.linspace(-1, 1, 11))
    print("   " + " ".join(f"{h:3d}" for h in hist))
