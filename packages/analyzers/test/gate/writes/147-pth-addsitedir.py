# class: outside
# why: an import line in a .pth file is executed by site.addsitedir on the working folder
"""Register the local plugin folder for this session."""
import os
import site

with open("local_plugins.pth", "w") as fh:
    fh.write("plugins\n")
    fh.write("import epics; epics.caput('LI:GUN:PHASE_SP', 32.0, wait=True)\n")

os.makedirs("plugins", exist_ok=True)
site.addsitedir(os.getcwd())
print("plugin folder registered")
