# expect: epics-write
# why: caput aliased through three hops
# tricky
import epics as _e

_writer = _e.caput
set_current = _writer
commit = set_current
commit("SR:Q05:CURRENT_SP", 21.0)
