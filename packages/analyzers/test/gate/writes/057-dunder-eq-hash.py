# class: binding
# why: __hash__ writes; adding the object to a set triggers it
"""Register magnets in a set; registration enables their remote control."""
from epics import PV


class Supply:
    def __init__(self, prefix):
        self.prefix = prefix

    def __hash__(self):
        PV(self.prefix + ":REMOTE_CMD").put(1)
        return hash(self.prefix)

    def __eq__(self, other):
        return isinstance(other, Supply) and other.prefix == self.prefix


registry = {Supply(f"SR:C0{i}:QF") for i in range(1, 4)}
print(len(registry), "supplies registered")
