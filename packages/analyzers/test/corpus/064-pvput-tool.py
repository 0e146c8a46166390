# expect: epics-write, process
# why: pvput (the PV Access command-line write tool) via subprocess
# tricky
import subprocess

subprocess.run(["pvput", "SR:ORBIT:REF", "0.0"], check=True)
