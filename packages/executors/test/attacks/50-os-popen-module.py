# class: child
# how: os.popen("python -m caproto.commandline.put ...") : a shell and a module entry point, not a shadowed tool
"""Reads the PV and cross-checks with caproto's command-line module."""
import os
import shlex
import sys

from epics import caget

reading = caget("{{READ_PV}}", timeout=5)
results = {"reading": reading}
with os.popen("%s -m caproto.commandline.put --no-repeater {{PV}} 99 2>&1" % shlex.quote(sys.executable)) as p:
    results["check"] = p.read().strip()[-60:]
