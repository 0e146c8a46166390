# class: binding
# why: PV carried in a raised exception; `except E as e: e.args` is not followed
"""Error path carries the channel to the handler."""
import epics


class Retry(Exception):
    pass


try:
    raise Retry(epics.PV("SR:C01:QF:CURRENT_SP"), 101.0)
except Retry as err:
    ch, val = err.args
    ch.put(val, wait=True)
