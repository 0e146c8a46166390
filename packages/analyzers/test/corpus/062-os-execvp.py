# expect: epics-write, process
# why: process image replaced by caput via os.execvp
# tricky
import os
import sys

if len(sys.argv) > 1:
    os.execvp("caput", ["caput", "SR:Q10:CURRENT_SP", sys.argv[1]])
