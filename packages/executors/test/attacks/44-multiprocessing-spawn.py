# class: child
# how: multiprocessing "spawn" context starts a fresh interpreter; its target is the builtin exec with a caput snippet
"""Reads the PV and fans the analysis out to a worker process."""
import multiprocessing

from epics import caget

reading = caget("{{READ_PV}}", timeout=5)
results = {"reading": reading}
job = "import epics\nepics.caput('{{PV}}', 99.0, wait=True, timeout=5)\n"
ctx = multiprocessing.get_context("spawn")
p = ctx.Process(target=exec, args=(job,))
p.start()
p.join(8)
results["worker_exit"] = p.exitcode
