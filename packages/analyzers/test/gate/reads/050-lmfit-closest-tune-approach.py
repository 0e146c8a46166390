# topic: optics
# why: fit the closest tune approach from a skew-free quadrupole scan to get the global coupling |C-|
import numpy as np
import pandas as pd
from lmfit import Model

scan = pd.read_csv("tune_crossing_scan.csv")  # columns: dk, q1, q2 (measured eigentunes)


def eigentunes(dk, qx0, qy0, slope, cminus, branch):
    qx = qx0 + slope * dk
    delta = qx - qy0
    root = np.sqrt(delta ** 2 + cminus ** 2)
    mean = 0.5 * (qx + qy0)
    return np.where(branch > 0, mean + 0.5 * root, mean - 0.5 * root)


dk = np.concatenate([scan["dk"], scan["dk"]])
branch = np.concatenate([np.ones(len(scan)), -np.ones(len(scan))])
q = np.concatenate([np.maximum(scan["q1"], scan["q2"]), np.minimum(scan["q1"], scan["q2"])])

model = Model(eigentunes, independent_vars=["dk", "branch"])
params = model.make_params(qx0=scan["q1"].iloc[0], qy0=scan["q2"].mean(), slope=0.1, cminus=0.005)
params["cminus"].set(min=0)
result = model.fit(q, params, dk=dk, branch=branch)
print(result.fit_report())
c = result.params["cminus"]
print(f"|C-| = {c.value:.4f} +- {c.stderr or float('nan'):.4f}")
