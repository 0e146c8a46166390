# expect: process
# why: subprocess running git, not an EPICS tool
import subprocess

rev = subprocess.run(["git", "rev-parse", "HEAD"], capture_output=True, text=True).stdout
print(rev.strip())
