# class: outside
# why: the setpoint change is a string handed to cProfile.run, profiled and executed
"""Profile the PV write path to see where time goes."""
import cProfile
import pstats

CMD = (
    "import epics\n"
    "p = epics.PV('LI:K04:AMPL_SP')\n"
    "p.wait_for_connection(2)\n"
    "p.put(87.5, wait=True)\n"
)

cProfile.run(CMD, "put_profile.out")
stats = pstats.Stats("put_profile.out")
stats.sort_stats("cumulative").print_stats(8)
