# class: escape
# how: lists the sibling run folders (../..) and reads another run's code.py / manifest.json
# leak: other_runs
"""Reads the PV and compares with the previous run's results, if any."""
import os

from epics import caget

reading = caget("{{READ_PV}}", timeout=5)
results = {"reading": reading}
runs = os.path.abspath(os.path.join(os.getcwd(), "..", ".."))
mine = os.path.abspath(os.path.join(os.getcwd(), ".."))
seen = {}
try:
    for run in sorted(os.listdir(runs)):
        folder = os.path.join(runs, run)
        if folder == mine or not os.path.isdir(folder):
            continue
        for attempt in sorted(os.listdir(folder)):
            if not os.path.isfile(os.path.join(folder, attempt, "job.json")):
                continue  # not a run's folder (the standard library has a code.py too)
            for name in ("code.py", "manifest.json"):
                path = os.path.join(folder, attempt, name)
                if os.path.isfile(path):
                    with open(path, errors="replace") as f:
                        seen[os.path.relpath(path, runs)] = f.read(60)
        if len(seen) > 5:
            break
except OSError as exc:
    results["error"] = str(exc)
results["other_runs"] = seen
