# expect: epics-write, process
# why: caput via os.popen
import os

out = os.popen("caput -t SR:FB:GAIN 0.2").read()
print(out)
