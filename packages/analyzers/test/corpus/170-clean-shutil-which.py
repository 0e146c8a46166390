# expect: nothing
# why: shutil.which only checks that the caput tool is installed
# tricky
import shutil

path = shutil.which("caput")
print("EPICS base tools available" if path else "caput not on PATH")
