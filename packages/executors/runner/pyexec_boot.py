"""PID 1 of a pyexec sandbox container. While the container waits in the warm pool it imports the modules named
on its command line (what analysis code imports most); then it reads one job from stdin (a JSON line, then the
tar of the code, the job file and the runner), runs it with the runner, sends the manifest and figures after the
job's marker on stderr, and ends the container, which is never reused.
"""

import json
import os
import sys

for _name in sys.argv[1:]:
    try:
        __import__(_name)
    except Exception:
        pass  # not in the image: the code imports it itself, or fails as it would anyway

header = json.loads(sys.stdin.buffer.readline())
workdir = header["workdir"]

import tarfile  # noqa: E402

with tarfile.open(fileobj=sys.stdin.buffer, mode="r|") as archive:
    try:
        archive.extractall(workdir, filter="data")
    except TypeError:  # a Python without extraction filters; the archive is the executor's own
        archive.extractall(workdir)

os.environ.update(header.get("env") or {})
sys.path.insert(0, os.path.join(workdir, ".pyexec"))
import pyexec_runner  # noqa: E402

sys.path.pop(0)
pyexec_runner.run_and_exit(workdir, results_marker=header["marker"])
