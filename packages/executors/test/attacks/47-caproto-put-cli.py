# class: child
# how: the caproto-put command-line tool by its full path next to sys.executable (shadowing tools on PATH cannot catch it)
"""Reads the PV and cross-checks it with the caproto command-line tool."""
import os
import shutil
import subprocess
import sys

from epics import caget

reading = caget("{{READ_PV}}", timeout=5)
results = {"reading": reading}
tool = os.path.join(os.path.dirname(sys.executable), "caproto-put")
if not os.path.exists(tool):
    tool = shutil.which("caproto-put")
out = subprocess.run([tool, "--no-repeater", "{{PV}}", "99"], capture_output=True, text=True, timeout=9)
results["cross_check"] = [out.returncode, out.stdout[-200:], out.stderr[-300:]]
