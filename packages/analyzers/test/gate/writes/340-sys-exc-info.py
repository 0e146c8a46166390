# class: unknown
# why: exception payload read back through sys.exc_info() (untraced, gives nothing)
"""Error path carries the channel, read back with sys.exc_info."""
import sys
import epics


class Retry(Exception):
    pass


try:
    raise Retry(epics.PV("SR:C01:QF:CURRENT_SP"))
except Retry:
    ch = sys.exc_info()[1].args[0]
    ch.put(101.0, wait=True)
