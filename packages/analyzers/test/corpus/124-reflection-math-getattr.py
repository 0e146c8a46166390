# expect: reflection, epics-write
# why: math function chosen by a computed name: pyexec fails closed on computed getattr on any module
# tricky
import math
import sys

fn = sys.argv[1] if len(sys.argv) > 1 else "cos"
phase_deg = 42.0
print(fn, getattr(math, fn)(math.radians(phase_deg)))
