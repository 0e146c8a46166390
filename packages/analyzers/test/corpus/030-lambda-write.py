# expect: epics-write
# why: write hidden in a lambda
# tricky
import epics

set_phase = lambda deg: epics.caput("LINAC:RF:PHASE_SP", deg % 360)  # noqa: E731
for d in (10, 20, 30):
    set_phase(d)
