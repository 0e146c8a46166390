# expect: epics-write
# why: caput called for its side effect inside a list comprehension
# tricky
from epics import caput

correctors = [f"SR:C{i:02d}:HCM:SP" for i in range(1, 31)]
_ = [caput(c, 0.0) for c in correctors]
