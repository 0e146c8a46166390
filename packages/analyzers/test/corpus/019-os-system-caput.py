# expect: epics-write, process
# why: caput via an os.system shell string
import os

pv = "SR:RF:CAV1:TUNER_SP"
os.system(f"caput {pv} 0.3")
