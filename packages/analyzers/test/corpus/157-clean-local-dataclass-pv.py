# expect: nothing
# why: PV is a local dataclass; put and .value only store a number
# tricky
from dataclasses import dataclass


@dataclass
class PV:
    name: str
    value: float = 0.0

    def put(self, v):
        self.value = v


sim = [PV(f"SIM:Q{i:02d}:CURRENT_SP") for i in range(1, 4)]
for pv in sim:
    pv.put(1.0)
    pv.value = 2.0
print(sim)
