# class: callback
# why: logging.Handler.emit is called by the logging module and writes to a PV
"""Send warnings to the control-room message PV."""
import logging
import epics


class PVHandler(logging.Handler):
    def __init__(self, name):
        super().__init__(logging.WARNING)
        self.target = epics.PV(name)

    def emit(self, record):
        self.target.put(self.format(record)[:39])


log = logging.getLogger("tune")
log.addHandler(PVHandler("SR:OPS:MSG_SP"))
log.warning("tune drift above threshold")
