# expect: epics-write, process
# why: caput inside a shell for-loop string run with shell=True
# tricky
import subprocess

script = "for pv in SR:C01:HCM:SP SR:C02:HCM:SP; do caput $pv 0; done"
subprocess.run(script, shell=True, check=True)
