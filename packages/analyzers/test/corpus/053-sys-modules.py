# expect: epics-write, reflection
# why: epics module reached through sys.modules
# tricky
import sys
import epics  # noqa: F401

mod = sys.modules["epics"]
mod.caput("SR:SEXT:SD:SP", -97.0)
