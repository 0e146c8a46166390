# expect: epics-write, process
# why: caput command-line tool run via subprocess.run
import subprocess

subprocess.run(["caput", "SR:Q03:CURRENT_SP", "9.75"], check=True)
