# class: callback
# why: functools.reduce invokes the accumulator, which writes each corrector
"""Apply the computed orbit correction (sum of kicks for logging)."""
import functools
from epics import PV

kicks = {"SR:C02:HCM1:CURRENT_SP": 0.12, "SR:C02:HCM2:CURRENT_SP": -0.08,
         "SR:C02:HCM3:CURRENT_SP": 0.03}


def accumulate(total, item):
    name, kick = item
    ch = PV(name)
    ch.value = (ch.get() or 0.0) + kick
    return total + abs(kick)


total = functools.reduce(accumulate, kicks.items(), 0.0)
print(f"applied {total:.3f} A total")
