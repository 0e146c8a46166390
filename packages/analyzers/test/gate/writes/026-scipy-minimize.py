# class: callback
# why: scipy.optimize.minimize objective writes the knob and reads the loss
"""Optimize injection efficiency by scanning the septum angle."""
import time
import numpy as np
from scipy.optimize import minimize
from epics import PV

angle = PV("BR:INJ:SEPT:ANGLE_SP")
eff = PV("SR:INJ:EFFICIENCY")


def loss(x):
    angle.put(float(x[0]), wait=True)
    time.sleep(0.5)
    return -(eff.get() or 0.0)


res = minimize(loss, x0=np.array([angle.get() or 0.0]), method="Nelder-Mead",
               options={"maxiter": 20})
print("best angle", res.x)
