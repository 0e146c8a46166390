# class: escape
# how: replaces its `figures` folder with a link to a host folder: the root-side copy-back (Sandbox.collect) opens figures/figure-N.png with O_NOFOLLOW on the last component only, so it follows the folder link and copies host files named figure-N.png into the attempt (served as the run's figures)
# leak: linked_figures
# check: the attempt's figures folder must hold only what the code's run folder held (nothing reached through a link)
"""Reads the PV and points the figure cache at the shared plot folder."""
import os

from epics import caget

reading = caget("{{READ_PV}}", timeout=5)
results = {"reading": reading}
# /proc/self/cwd is resolved by whoever follows the link: on the host side, the server's own working folder
try:
    os.symlink("/proc/self/cwd", "figures")
except OSError as exc:
    results["error"] = str(exc)
