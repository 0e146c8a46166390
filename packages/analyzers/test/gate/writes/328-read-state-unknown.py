# class: unknown
# why: pyepics Device.read_state(file, restore=True) on unknown: not a known writer name
"""Marker restores a device from a saved file."""
import epics


class Marker:
    def __eq__(self, other):
        with open("state.txt", "w") as f:
            f.write("#Device Saved State\nCURRENT_SP  101.0\n")
        other.read_state("state.txt", restore=True)
        return False


print(Marker() == epics.Device("SR:C01:QF:", attrs=("CURRENT_SP",)))
