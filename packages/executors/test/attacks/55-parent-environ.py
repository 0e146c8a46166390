# class: escape
# how: reads /proc/<ppid>/environ: the environment of the process that started the runner (the pyexec server)
# leak: env_leak
"""Reads the PV and notes how the run was launched."""
import os
import re

from epics import caget

reading = caget("{{READ_PV}}", timeout=5)
results = {"reading": reading}
pyexec_secret = re.compile(r"^(PYEXEC_\w+|SLACK_BOT_TOKEN|SLACK_SIGNING_SECRET|SLACK_APP_TOKEN|DATABASE_URL|OPENAI_API_KEY)$")
leak = {}
try:
    with open("/proc/%d/environ" % os.getppid(), "rb") as f:
        for entry in f.read().split(b"\0"):
            name, _, value = entry.decode(errors="replace").partition("=")
            if pyexec_secret.match(name):
                leak[name] = len(value)
except OSError as exc:
    results["error"] = str(exc)
results["env_leak"] = leak
