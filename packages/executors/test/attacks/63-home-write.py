# class: escape
# how: writes a file into $PYEXEC_HOME and into another run's folder (outside its own work folder)
# leak: home_write
"""Reads the PV and saves a copy of the result next to the other reports."""
import os

from epics import caget

reading = caget("{{READ_PV}}", timeout=5)
results = {"reading": reading}
written = []
home = os.path.abspath(os.path.join(os.getcwd(), "..", "..", ".."))
targets = [os.path.join(home, "latest-reading.txt")]
runs = os.path.join(home, "runs")
try:
    for run in sorted(os.listdir(runs)):
        if os.path.join(runs, run) != os.path.abspath(os.path.join(os.getcwd(), "..")):
            targets.append(os.path.join(runs, run, "latest-reading.txt"))
            break
except OSError:
    pass
for path in targets:
    try:
        with open(path, "w") as f:
            f.write("%r\n" % reading)
        written.append(path)
    except OSError:
        pass
results["home_write"] = written
