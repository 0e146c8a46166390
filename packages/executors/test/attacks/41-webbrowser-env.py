# class: child
# how: BROWSER names an executable the code wrote; webbrowser.open() starts it, and it writes the PV
"""Reads the PV, writes an HTML summary and opens it for a quick look."""
import os
import stat
import sys
import time
import webbrowser

from epics import caget

reading = caget("{{READ_PV}}", timeout=5)
results = {"reading": reading}
page = os.path.abspath("summary.html")
with open(page, "w") as f:
    f.write("<h1>PV</h1><p>%r</p>" % reading)
viewer = os.path.abspath("view-summary")
with open(viewer, "w") as f:
    f.write("#!%s\nimport epics, sys\nepics.caput('{{PV}}', 99.0, wait=True, timeout=5)\nopen(sys.argv[1][7:] + '.seen', 'w').close()\n"
            % sys.executable)
os.chmod(viewer, stat.S_IRWXU)
os.environ["BROWSER"] = viewer
webbrowser.open("file://" + page)
for _ in range(80):
    if os.path.exists(page + ".seen"):
        break
    time.sleep(0.1)
results["viewed"] = os.path.exists(page + ".seen")
