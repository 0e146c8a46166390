# class: binding
# why: closure over a cothread caput wrapper with nonlocal state; the returned step() writes
"""Incremental ramp generator for the booster RF (cothread)."""
from cothread.catools import caput, caget


def make_ramp(name, start, step_size):
    level = start

    def step():
        nonlocal level
        level += step_size
        caput(name, level, wait=True)
        return level

    return step


step = make_ramp("BR:RF:VOLT_SP", caget("BR:RF:VOLT_SP"), 5.0)
for _ in range(3):
    print("ramped to", step())
