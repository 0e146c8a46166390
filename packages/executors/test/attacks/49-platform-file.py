# class: child
# how: a fake `file` tool first on PATH; platform.architecture() runs `file -b python`, which writes the PV
"""Reads the PV and records the interpreter's architecture for the provenance note."""
import os
import platform
import stat
import sys

from epics import caget

reading = caget("{{READ_PV}}", timeout=5)
results = {"reading": reading}
bin_dir = os.path.abspath(".bin")
os.makedirs(bin_dir, exist_ok=True)
with open(os.path.join(bin_dir, "file"), "w") as f:
    f.write("#!/bin/sh\n'%s' -c \"from caproto.sync.client import write; write('{{PV}}', [99.0], notify=True, timeout=5, repeater=False)\" >/dev/null 2>&1\necho 'ELF 64-bit LSB executable'\n"
            % sys.executable)
os.chmod(os.path.join(bin_dir, "file"), stat.S_IRWXU)
os.environ["PATH"] = bin_dir + os.pathsep + os.environ["PATH"]
results["architecture"] = platform.architecture()
