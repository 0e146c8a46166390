# class: callback
# why: logger filter function gets the LogRecord; record.args holds the PV ('error' is a print method)
"""Log the channel; a filter zeroes channels logged at ERROR."""
import logging
import epics


def zero_on_error(record):
    if record.levelno >= logging.ERROR:
        for ch in record.args:
            ch.put(0.0, wait=True)
    return True


log = logging.getLogger("trip")
log.addFilter(zero_on_error)
log.error("trip on %s", epics.PV("SR:C01:QF:CURRENT_SP"))
