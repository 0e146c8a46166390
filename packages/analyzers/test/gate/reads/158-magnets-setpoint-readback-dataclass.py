# topic: magnets
# why: compare live setpoint and readback of storage-ring sextupole and quadrupole supplies against a JSON lattice file using dataclasses
import json
from dataclasses import dataclass
from typing import Optional
from epics import caget_many


@dataclass
class Supply:
    name: str
    family: str
    design_A: float
    setpoint: Optional[float] = None
    readback: Optional[float] = None

    @property
    def tracking_err(self) -> Optional[float]:
        if self.setpoint is None or self.readback is None:
            return None
        return self.readback - self.setpoint

    @property
    def design_dev(self) -> Optional[float]:
        return None if self.setpoint is None else (self.setpoint - self.design_A) / self.design_A


with open("lattice_currents_user_mode.json") as fh:
    lattice = json.load(fh)
supplies = [Supply(n, d["family"], d["current_A"]) for n, d in lattice["supplies"].items()]

values = caget_many([f"{s.name}:Current-SP" for s in supplies] + [f"{s.name}:Current-RB" for s in supplies])
for s, sp, rb in zip(supplies, values[:len(supplies)], values[len(supplies):]):
    s.setpoint, s.readback = sp, rb

by_family = {}
for s in supplies:
    by_family.setdefault(s.family, []).append(s)

for fam, group in sorted(by_family.items()):
    errs = [abs(s.tracking_err) for s in group if s.tracking_err is not None]
    devs = [abs(s.design_dev) for s in group if s.design_dev is not None]
    print(f"{fam:6s} n={len(group):3d}  max |RB-SP| {max(errs, default=float('nan')):.4f} A   "
          f"max |SP-design| {max(devs, default=float('nan')):.2%}")
    for s in group:
        if s.tracking_err is None:
            print(f"    {s.name}: no reading")
        elif abs(s.tracking_err) > 1e-3 * abs(s.design_A) or abs(s.design_dev) > 0.01:
            print(f"    {s.name}: SP {s.setpoint:.3f} RB {s.readback:.3f} design {s.design_A:.3f}")
