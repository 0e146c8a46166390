# class: callback
# why: multiprocessing.dummy.Pool.map calls a function that writes
"""Reset the vacuum valve interlock bits in every sector."""
from multiprocessing.dummy import Pool
from epics import PV


def reset(sector):
    PV(f"SR:C{sector:02d}:VAC:RESET_CMD").put(1)
    return sector


with Pool(8) as pool:
    done = pool.map(reset, range(1, 13))
print("reset sectors", done)
