# expect: epics-write, reflection
# why: caput reached by getattr on the module with a concatenated name
# tricky
import epics

fn = getattr(epics, "ca" + "put")
fn("SR:RF:VOLTAGE_SP", 1.75)
