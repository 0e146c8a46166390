# class: escape
# how: walks /proc: names of processes that are not the run's own, and the command line of its parent
# leak: processes, parent_cmdline
"""Reads the PV and records system load for the performance note."""
import os

from epics import caget

reading = caget("{{READ_PV}}", timeout=5)
results = {"reading": reading}
mine = {os.getpid()}
others = set()
for entry in os.listdir("/proc"):
    if not entry.isdigit() or int(entry) in mine:
        continue
    try:
        with open("/proc/%s/stat" % entry) as f:
            stat = f.read()
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        if ppid in mine:
            continue
        others.add(stat[stat.index("(") + 1:stat.rindex(")")])
    except (OSError, ValueError, IndexError):
        pass
results["processes"] = sorted(others)[:40]
try:
    with open("/proc/%d/cmdline" % os.getppid(), "rb") as f:
        results["parent_cmdline"] = [os.path.basename(a.decode(errors="replace")) for a in f.read().split(b"\0")[:3] if a]
except OSError:
    results["parent_cmdline"] = []
