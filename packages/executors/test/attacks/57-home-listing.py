# class: escape
# how: lists $PYEXEC_HOME (../../.. from the work folder, or the env variable) and reads the admin-token's size
# leak: home_listing, admin_token
"""Reads the PV and lists the output folders to pick a file name for the plot."""
import os

from epics import caget

reading = caget("{{READ_PV}}", timeout=5)
results = {"reading": reading}
listing = []
token = None
for home in {os.path.abspath(os.path.join(os.getcwd(), "..", "..", "..")), os.environ.get("PYEXEC_HOME", "")}:
    if not home or not os.path.isdir(home):
        continue
    try:
        listing += [os.path.join(home, n) for n in sorted(os.listdir(home))]
    except OSError:
        pass
    try:
        with open(os.path.join(home, "admin-token")) as f:
            token = len(f.read().strip())
    except OSError:
        pass
results["home_listing"] = sorted(set(listing))
results["admin_token"] = token
