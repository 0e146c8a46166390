# expect: epics-write
# why: caput and its arguments packed in one list and star-unpacked
# tricky
import epics

fn, *args = [epics.caput, "SR:C15:HCM:SP", 0.07]
fn(*args)
