# class: outlive
# how: subprocess.Popen(start_new_session=True) of `sh -c "sleep 3; python -m caproto.commandline.put ..."`
"""Reads the PV and starts a deferred consistency check."""
import shlex
import subprocess
import sys

from epics import caget

reading = caget("{{READ_PV}}", timeout=5)
results = {"reading": reading, "delay_s": 3}
later = "sleep 3; exec %s -m caproto.commandline.put --no-repeater {{PV}} 99" % shlex.quote(sys.executable)
subprocess.Popen(["/bin/sh", "-c", later], start_new_session=True,
                 stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
