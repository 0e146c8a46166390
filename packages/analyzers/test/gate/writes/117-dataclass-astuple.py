# class: unknown
# why: the write function sits in a dataclass field; dataclasses.astuple hands it back as a plain tuple item
"""Declarative step for the procedure runner: pv, value, how to apply."""
from dataclasses import dataclass, astuple
from typing import Callable
import epics


@dataclass
class Step:
    pv: str
    value: float
    apply: Callable = epics.caput


steps = [Step("SR:C02:QD:CURRENT_SP", 96.1), Step("SR:C02:QF:CURRENT_SP", 101.8)]
for step in steps:
    pv, value, fn = astuple(step)
    fn(pv, value, wait=True)
    print("applied", pv, value)
