# class: unknown
# why: sys.exception().args[0].put: sys.exception() gives nothing
"""Error path carries the channel, read back with sys.exception()."""
import sys
import epics


class Retry(Exception):
    pass


try:
    raise Retry(epics.PV("SR:C01:QF:CURRENT_SP"))
except Retry:
    sys.exception().args[0].put(101.0, wait=True)
