# class: outlive
# how: leaves a folder tree deeper than PATH_MAX in its run folder: the executor's root-side cleanup (fs.rm, recursive) fails with ENAMETOOLONG, the run's result is lost to a defect, and the folder (owned by a run uid the pool hands out again) stays on the host's disk
"""Reads the PV and caches intermediate spectra in nested per-channel folders."""
import os

from epics import caget

reading = caget("{{READ_PV}}", timeout=5)
results = {"reading": reading}
home = os.getcwd()
try:
    for level in range(40):
        os.mkdir("c" * 200)
        os.chdir("c" * 200)
    with open("spectrum.npy", "wb") as f:
        f.write(b"\0" * 1024)
except OSError as exc:
    results["error"] = str(exc)
finally:
    os.chdir(home)
