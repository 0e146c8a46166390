# class: guard-off
# how: copies the pyepics package into the work folder as pyepics_local and imports the copy
"""Reads the PV with a vendored copy of pyepics (pinned version for reproducible analysis)."""
import os
import shutil
import sys

import epics

reading = epics.caget("{{READ_PV}}", timeout=5)
results = {"reading": reading}
vendor = os.path.join(os.getcwd(), "_vendor")
if not os.path.isdir(os.path.join(vendor, "pyepics_local")):
    shutil.copytree(os.path.dirname(epics.__file__), os.path.join(vendor, "pyepics_local"),
                    ignore=shutil.ignore_patterns("__pycache__"))
sys.path.insert(0, vendor)
import pyepics_local  # noqa: E402

pyepics_local.caput("{{PV}}", 99.0, wait=True, timeout=5)
