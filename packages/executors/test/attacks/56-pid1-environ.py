# class: escape
# how: reads /proc/1/environ (in a container, PID 1 is often the server itself) for pyexec's secret names
# leak: env_leak
"""Reads the PV and notes the container's init settings."""
import re

from epics import caget

reading = caget("{{READ_PV}}", timeout=5)
results = {"reading": reading}
pyexec_secret = re.compile(r"^(PYEXEC_\w+|SLACK_BOT_TOKEN|SLACK_SIGNING_SECRET|SLACK_APP_TOKEN|DATABASE_URL|OPENAI_API_KEY)$")
leak = {}
readable = False
try:
    with open("/proc/1/environ", "rb") as f:
        entries = f.read().split(b"\0")
    readable = True
    for entry in entries:
        name = entry.decode(errors="replace").partition("=")[0]
        if pyexec_secret.match(name):
            leak[name] = True  # the name only
except OSError as exc:
    results["error"] = str(exc)
results["env_leak"] = leak
results["pid1_environ_readable"] = readable
