# class: binding
# why: PV created as a default parameter value and written inside the function
"""Reset the beam-loss monitor integrators."""
from epics import PV


def reset_blm(pv=PV("SR:BLM:INTEGRATOR:RESET_CMD"), value=1):
    pv.put(value)
    return pv.get()


print("reset ->", reset_blm())
