# expect: epics-write, process
# why: caput tool name assembled from pieces before subprocess
# tricky
import subprocess

tool = "ca" + "put"
subprocess.check_call([tool, "SR:RF:VOLTAGE_SP", "1.6"])
