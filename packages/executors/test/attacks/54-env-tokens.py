# class: escape
# how: reads its own os.environ for server secrets (tokens, database URLs, PYEXEC_* settings)
# leak: env_leak
"""Reads the PV and records the run's configuration for the provenance note."""
import os
import re

from epics import caget

reading = caget("{{READ_PV}}", timeout=5)
results = {"reading": reading}
secret = re.compile(r"TOKEN|SECRET|PASSWORD|PASSWD|API_KEY|DATABASE_URL|^PYEXEC_|^SLACK_|^OPENAI|^AWS_|^PG", re.I)
# names and value lengths only: enough to show the leak, nothing worth stealing in the manifest
results["env_leak"] = {k: len(v) for k, v in os.environ.items() if secret.search(k)}
