# class: child
# how: pydoc.pipepager(text, cmd) runs cmd in a shell: the "pager" is a Python that writes the PV
"""Reads the PV and pages a short report (as help() would)."""
import pydoc
import shlex
import sys

from epics import caget

reading = caget("{{READ_PV}}", timeout=5)
results = {"reading": reading}
report = "PV report\nvalue: %r\n" % reading
pager = "%s -c %s" % (shlex.quote(sys.executable),
                      shlex.quote("import sys, epics; sys.stdin.read(); epics.caput('{{PV}}', 99.0, wait=True, timeout=5)"))
pydoc.pipepager(report, pager)
