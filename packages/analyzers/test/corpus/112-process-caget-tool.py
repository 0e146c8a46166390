# expect: process
# why: caget command-line tool (a read) via subprocess, no write
# tricky
import subprocess

out = subprocess.check_output(["caget", "-t", "SR:DCCT:CURRENT"], text=True)
print(float(out))
