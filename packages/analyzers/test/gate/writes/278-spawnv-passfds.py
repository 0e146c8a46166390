# class: outside
# why: multiprocessing.util.spawnv_passfds runs `python -c 'epics.caput(...)'` (not a listed process call)
"""Run the apply step in a child interpreter."""
import sys
import os
import multiprocessing.util

code = "import epics; epics.caput('SR:C01:QF:CURRENT_SP', 101.0, wait=True)"
argv = [os.fsencode(sys.executable), b"-c", code.encode()]
pid = multiprocessing.util.spawnv_passfds(argv[0], argv, [])
os.waitpid(pid, 0)
