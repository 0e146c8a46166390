# topic: losses
# why: read linac toroid and ICT charges with caget_many over many pulses and compute section-by-section charge transmission
import time
import numpy as np
from epics import caget_many

MONITORS = [
    ("gun", "LI-DI-ICT-00:Charge"),
    ("buncher", "LI-DI-TOR-01:Charge"),
    ("L1 end", "LI-DI-TOR-02:Charge"),
    ("L2 end", "LI-DI-TOR-03:Charge"),
    ("L3 end", "LI-DI-TOR-04:Charge"),
    ("LTB", "LTB-DI-ICT-01:Charge"),
]
N_PULSES = 100

labels = [m[0] for m in MONITORS]
names = [m[1] for m in MONITORS]
rows = []
for _ in range(N_PULSES):
    vals = caget_many(names, timeout=1.0)
    if all(v is not None for v in vals):
        rows.append(vals)
    time.sleep(0.1)

q = np.array(rows, dtype=float)            # (pulses, monitors) in nC
q = q[q[:, 0] > 0.05]                      # ignore pulses without gun charge
print(f"{len(q)} pulses with beam out of {N_PULSES}")
print(f"{'monitor':10s} {'Q [nC]':>9s} {'jitter':>7s} {'T_step':>7s} {'T_cum':>7s}")
for i, label in enumerate(labels):
    step = q[:, i] / q[:, i - 1] if i else np.ones(len(q))
    cum = q[:, i] / q[:, 0]
    print(f"{label:10s} {q[:, i].mean():9.3f} {q[:, i].std() / q[:, i].mean():7.1%} "
          f"{np.median(step):7.1%} {np.median(cum):7.1%}")
worst = np.argmin([np.median(q[:, i] / q[:, i - 1]) for i in range(1, len(labels))]) + 1
print(f"largest loss between {labels[worst - 1]} and {labels[worst]}")
