# expect: epics-write
# why: functools.partial binds the PV name to caput
# tricky
import functools
from epics import caput

set_tune_knob = functools.partial(caput, "SR:TUNE:QX_KNOB")
set_tune_knob(0.002)
